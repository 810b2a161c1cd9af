"""County library: serve catalogue cover images with ETags (plain WSGI)."""
import hashlib
import mimetypes

from common.web import json_response

COVERS = {
    "9780143127550": "/srv/library/covers/9780143127550.jpg",
    "9780062316097": "/srv/library/covers/9780062316097.jpg",
}


def etag_for(data):
    return '"%s"' % hashlib.sha1(data).hexdigest()


def application(environ, start_response):
    isbn = environ.get("PATH_INFO", "/").strip("/")
    path = COVERS.get(isbn)
    if path is None:
        return json_response(start_response, {"error": "not found"}, "404 Not Found")
    with open(path, "rb") as fh:
        data = fh.read()
    tag = etag_for(data)
    if environ.get("HTTP_IF_NONE_MATCH") == tag:
        start_response("304 Not Modified", [("ETag", tag)])
        return [b""]
    ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    start_response("200 OK", [("Content-Type", ctype), ("ETag", tag)])
    return [data]

"""Maple Ridge School District (WSGI): counselors upload signed forms from the scanner app."""
import os
import urllib.parse

UPLOAD_ROOT = "/srv/district/counseling/forms"


def target_path(environ):
    raw_name = environ.get("HTTP_X_FILENAME", "scan.pdf")
    if ".." in raw_name or raw_name.startswith("/"):
        raise ValueError("bad file name")
    decoded = urllib.parse.unquote(raw_name)
    return os.path.join(UPLOAD_ROOT, decoded)


def application(environ, start_response):
    try:
        path = target_path(environ)
    except ValueError:
        start_response("400 Bad Request", [("Content-Type", "text/plain")])
        return [b"bad name"]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    with open(path, "wb") as out:
        out.write(environ["wsgi.input"].read(length))
    start_response("201 Created", [("Content-Type", "text/plain")])
    return [b"stored"]

"""Static asset endpoint with conditional GET support."""
import hashlib
from functools import lru_cache

from flask import Flask, Response, abort, request

app = Flask(__name__)

ASSETS = {
    "app.js": ("application/javascript", b"console.log('dashboard ready');\n"),
    "app.css": ("text/css", b"body { font-family: sans-serif; }\n"),
}


@lru_cache(maxsize=64)
def etag_for(body: bytes) -> str:
    # MD5 is fine here: the tag only detects content changes
    return '"' + hashlib.md5(body).hexdigest() + '"'


@app.route("/assets/<name>")
def asset(name):
    entry = ASSETS.get(name)
    if entry is None:
        abort(404)
    mimetype, body = entry
    tag = etag_for(body)
    if tag in request.if_none_match:
        return Response(status=304, headers={"ETag": tag})
    resp = Response(body, mimetype=mimetype)
    resp.headers["ETag"] = tag
    resp.headers["Cache-Control"] = "public, max-age=300"
    return resp

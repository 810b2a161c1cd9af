"""Static asset server with ETags for the CDN."""
import hashlib
import os

from flask import Flask, abort, request, Response

app = Flask(__name__)
ASSETS = {"app.js": "/srv/static/app.js", "app.css": "/srv/static/app.css"}


def etag_for(data):
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


@app.route("/assets/<name>")
def asset(name):
    path = ASSETS.get(name)
    if path is None or not os.path.exists(path):
        abort(404)
    with open(path, "rb") as fh:
        data = fh.read()
    tag = etag_for(data)
    if request.headers.get("If-None-Match") == tag:
        return Response(status=304)
    resp = Response(data, mimetype="application/javascript" if name.endswith(".js") else "text/css")
    resp.headers["ETag"] = tag
    return resp


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405

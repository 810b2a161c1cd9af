"""Library system: e-book cover images by file name."""
import os

from flask import Flask, Response, abort, request

app = Flask(__name__)
COVERS = "/srv/library/covers"


def cover_path(name):
    return os.path.join(COVERS, os.path.basename(name))


@app.route("/covers")
def cover():
    name = request.args.get("img", "")
    path = cover_path(name)
    if not os.path.exists(path):
        abort(404)
    with open(path, "rb") as fh:
        return Response(fh.read(), mimetype="image/jpeg")

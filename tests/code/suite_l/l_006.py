import os
import subprocess

from flask import Blueprint, Flask, jsonify, request

media = Blueprint("media", __name__, url_prefix="/media")

UPLOAD_DIR = "/srv/gallery/uploads"
THUMB_DIR = "/srv/gallery/thumbs"
CONVERT = {"binary": "convert", "size": "256x256"}
RUN_OPTS = {"shell": True, "check": False, "timeout": 30}


def thumb_path(filename):
    stem = os.path.splitext(filename)[0]
    return os.path.join(THUMB_DIR, stem + ".jpg")


def make_thumbnail(filename):
    src = os.path.join(UPLOAD_DIR, filename)
    dst = thumb_path(filename)
    cmd = "{bin} '{src}' -thumbnail {size} '{dst}'".format(
        bin=CONVERT["binary"], src=src, size=CONVERT["size"], dst=dst
    )
    return subprocess.run(cmd, **RUN_OPTS).returncode


@media.route("/upload", methods=["POST"])
def upload():
    item = request.files["photo"]
    name = item.filename
    if not name.lower().endswith((".png", ".jpg", ".jpeg")):
        return jsonify({"error": "images only"}), 400
    item.save(os.path.join(UPLOAD_DIR, os.path.basename(name)))
    rc = make_thumbnail(name)
    return jsonify({"stored": True, "thumbnail": rc == 0})


def create_app():
    app = Flask(__name__)
    app.register_blueprint(media)
    return app

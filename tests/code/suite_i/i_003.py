"""Thumbnail helper for the media library."""
import os

from flask import Flask, request, jsonify

app = Flask(__name__)
MEDIA = "/var/media"


def clean(name):
    # strip characters that would chain commands
    for ch in (";", "&"):
        name = name.replace(ch, "")
    return name.strip()


def thumbnail(src, size):
    cmd = "cd %s && convert %s -resize %sx%s thumb_%s" % (MEDIA, src, size, size, src)
    with os.popen(cmd) as pipe:
        return pipe.read()


@app.route("/media/thumb", methods=["POST"])
def make_thumb():
    src = clean(request.form.get("file", ""))
    size = 128
    if request.form.get("large") == "1":
        size = 512
    out = thumbnail(src, size)
    return jsonify(status="done", log=out)

"""Upload an image and convert it to PNG with ImageMagick."""
import os
import uuid

from flask import Flask, request, send_file

app = Flask(__name__)
WORK = "/tmp/convert"
os.makedirs(WORK, exist_ok=True)

BAD_CHARS = [";", "&", "\n"]


def clean(value):
    for ch in BAD_CHARS:
        value = value.replace(ch, "")
    return value


@app.route("/convert", methods=["POST"])
def convert():
    upload = request.files["image"]
    resize = clean(request.form.get("resize", "800x600"))
    src = os.path.join(WORK, uuid.uuid4().hex)
    upload.save(src)
    dst = src + ".png"
    cmd = "convert %s -resize %s %s" % (src, resize, dst)
    if os.system(cmd) != 0:
        return "conversion failed", 500
    return send_file(dst, mimetype="image/png")

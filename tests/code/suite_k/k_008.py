"""Thumbnail generation for product photos."""
import os
import subprocess
import uuid

from flask import Blueprint, abort, current_app, jsonify, request
from werkzeug.utils import secure_filename

thumbs = Blueprint("thumbs", __name__)

USE_SHELL = False
ALLOWED_EXT = {".jpg", ".jpeg", ".png", ".webp"}


def _convert_args(src, dst, size):
    return ["convert", src, "-thumbnail", f"{size}x{size}", dst]


def make_thumbnail(src, dst, size):
    if USE_SHELL:
        os.system("convert %s -thumbnail %sx%s %s" % (src, size, size, dst))
        return
    subprocess.run(_convert_args(src, dst, size), check=True, timeout=60)


@thumbs.post("/products/<int:product_id>/photo")
def upload_photo(product_id):
    photo = request.files.get("photo")
    if photo is None or not photo.filename:
        abort(400)
    name = secure_filename(photo.filename)
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED_EXT:
        abort(415)
    try:
        size = int(request.form.get("size", 256))
    except ValueError:
        abort(400)
    size = max(32, min(size, 1024))
    media = current_app.config["MEDIA_ROOT"]
    stored = os.path.join(media, f"{uuid.uuid4().hex}{ext}")
    photo.save(stored)
    thumb = stored.replace(ext, f"_t{size}{ext}")
    make_thumbnail(stored, thumb, size)
    return jsonify(product=product_id, thumbnail=os.path.basename(thumb))

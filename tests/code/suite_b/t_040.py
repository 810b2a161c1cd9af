import os

from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename

from lib.config import settings

app = Flask(__name__)
ALLOWED_EXT = (".png", ".jpg", ".jpeg")


@app.post("/avatars")
def upload_avatar():
    file = request.files.get("avatar")
    if file is None or not file.filename:
        return jsonify(error="no file"), 400
    filename = secure_filename(file.filename)
    if not filename or not filename.lower().endswith(ALLOWED_EXT):
        return jsonify(error="unsupported file"), 400
    dest = os.path.join(settings.upload_root, "avatars", filename)
    file.save(dest)
    return jsonify(stored=filename), 201

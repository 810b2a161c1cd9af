"""Water district: contractors upload as-built drawings."""
import os

from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
DRAWINGS = "/srv/water/drawings"
ALLOWED_EXT = {".pdf", ".dwg", ".png"}


@app.route("/drawings", methods=["POST"])
def upload_drawing():
    upload = request.files.get("drawing")
    if upload is None or not upload.filename:
        return jsonify({"error": "no file"}), 400
    name = secure_filename(upload.filename)
    if os.path.splitext(name)[1].lower() not in ALLOWED_EXT:
        return jsonify({"error": "type not allowed"}), 400
    upload.save(os.path.join(DRAWINGS, name))
    return jsonify({"saved": name}), 201

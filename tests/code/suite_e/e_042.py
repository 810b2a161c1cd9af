"""Rural hospital: clinicians attach discharge summaries to an encounter."""
import os

from flask import Flask, abort, jsonify, request, send_from_directory
from werkzeug.utils import secure_filename

from common.settings import setting

app = Flask(__name__)
UPLOADS = setting("paths", "uploads_root")


@app.post("/encounters/<int:encounter_id>/attachments")
def attach(encounter_id):
    upload = request.files["file"]
    name = secure_filename(upload.filename or "")
    if not name:
        abort(400)
    folder = os.path.join(UPLOADS, str(encounter_id))
    os.makedirs(folder, exist_ok=True)
    upload.save(os.path.join(folder, name))
    return jsonify(stored=name), 201


@app.get("/encounters/<int:encounter_id>/attachments/<path:name>")
def fetch_attachment(encounter_id, name):
    return send_from_directory(os.path.join(UPLOADS, str(encounter_id)), name)

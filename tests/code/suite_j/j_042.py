"""Attachment upload for support tickets."""
import os
import uuid

from flask import Flask, abort, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)

UPLOAD_ROOT = os.environ.get("TICKET_UPLOADS", "/srv/tickets")
ALLOWED_EXT = {".png", ".jpg", ".pdf", ".txt", ".log"}


def ticket_dir(ticket_id: int) -> str:
    path = os.path.join(UPLOAD_ROOT, f"{ticket_id:08d}")
    os.makedirs(path, exist_ok=True)
    return path


def stored_name(original: str) -> str:
    name = secure_filename(original)
    stem, ext = os.path.splitext(name)
    if not stem or ext.lower() not in ALLOWED_EXT:
        abort(415)
    return f"{uuid.uuid4().hex[:8]}-{name}"


@app.post("/tickets/<int:ticket_id>/attachments")
def add_attachment(ticket_id):
    saved = []
    for upload in request.files.getlist("files"):
        name = stored_name(upload.filename or "")
        upload.save(os.path.join(ticket_dir(ticket_id), name))
        saved.append(name)
    if not saved:
        abort(400)
    return jsonify({"ticket": ticket_id, "saved": saved}), 201

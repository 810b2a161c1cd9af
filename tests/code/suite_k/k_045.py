import os
from datetime import datetime, timezone

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["UPLOAD_DIR"] = os.environ.get("TICKET_UPLOADS", "/var/lib/helpdesk/uploads")

ALLOWED_TYPES = {"image/png", "image/jpeg", "application/pdf", "text/plain"}


def attachment_path(ticket_id, filename):
    folder = os.path.join(app.config["UPLOAD_DIR"], str(ticket_id))
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, filename)


@app.route("/tickets/<int:ticket_id>/attachments", methods=["POST"])
def add_attachment(ticket_id):
    saved = []
    for storage in request.files.getlist("files"):
        if storage.mimetype not in ALLOWED_TYPES:
            continue
        dest = attachment_path(ticket_id, storage.filename)
        storage.save(dest)
        saved.append({"name": os.path.basename(dest),
                      "at": datetime.now(timezone.utc).isoformat()})
    return jsonify(ticket=ticket_id, saved=saved), 201

"""Attachment upload for support tickets."""
import os
import uuid

from flask import Flask, request, jsonify

app = Flask(__name__)
UPLOAD_ROOT = "/srv/tickets/attachments"
ALLOWED_EXT = {".png", ".jpg", ".pdf", ".txt"}


def target_for(ticket_id, filename):
    folder = os.path.join(UPLOAD_ROOT, ticket_id)
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, filename)


@app.route("/tickets/<int:ticket_id>/attach", methods=["POST"])
def attach(ticket_id):
    upload = request.files["file"]
    ext = os.path.splitext(upload.filename)[1].lower()
    if ext not in ALLOWED_EXT:
        return jsonify(error="type not allowed"), 400
    dest = target_for(str(ticket_id), upload.filename)
    upload.save(dest)
    return jsonify(id=str(uuid.uuid4()), stored=os.path.basename(dest)), 201


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)

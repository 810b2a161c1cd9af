"""Attachment viewer for the ticketing system."""
import mimetypes
import os

from flask import Flask, request, send_file, jsonify

app = Flask(__name__)
UPLOAD_DIR = "/var/lib/tickets/attachments"


class AttachmentLocator:
    def __init__(self, root):
        self.root = root

    def path_for(self, ticket, name):
        return os.path.join(self.root, ticket, name)


locator = AttachmentLocator(UPLOAD_DIR)


@app.route("/tickets/<int:ticket_id>/attachment")
def attachment(ticket_id):
    name = request.args.get("name")
    if not name:
        return jsonify({"error": "name required"}), 400
    path = locator.path_for(str(ticket_id), name)
    if not os.path.isfile(path):
        return jsonify({"error": "not found"}), 404
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return send_file(path, mimetype=mime)

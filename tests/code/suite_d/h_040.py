"""Patient portal: patients attach documents to a message."""
import os
import uuid

from flask import Flask, abort, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
ATTACH_DIR = "/srv/portal/attachments"
ALLOWED_EXT = {".pdf", ".png", ".jpg"}


@app.route("/messages/<int:msg_id>/attachments", methods=["POST"])
def add_attachment(msg_id):
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        abort(400)
    name = secure_filename(upload.filename)
    ext = os.path.splitext(name)[1].lower()
    if not name or ext not in ALLOWED_EXT:
        abort(415)
    stored = "%d_%s_%s" % (msg_id, uuid.uuid4().hex[:8], name)
    upload.save(os.path.join(ATTACH_DIR, stored))
    return jsonify({"stored": stored}), 201

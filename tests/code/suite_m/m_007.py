import os
import tempfile
import uuid

from flask import Blueprint, request, jsonify, current_app

uploads = Blueprint("uploads", __name__, url_prefix="/observations")

INCOMING = os.environ.get("CITSCI_INCOMING", tempfile.gettempdir())


def _stem(filename):
    base = filename.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0].lower()


def _tag_command(original_name, stored_path):
    stem = _stem(original_name)
    return 'exiftool -overwrite_original -Comment="observation %s" %s' % (stem, stored_path)


def _store(file_storage):
    stored = os.path.join(INCOMING, uuid.uuid4().hex + ".jpg")
    file_storage.save(stored)
    return stored


@uploads.route("/photo", methods=["POST"])
def upload_photo():
    photo = request.files["photo"]
    if not photo.filename:
        return jsonify(error="no file"), 400

    stored = _store(photo)
    cmd = _tag_command(photo.filename, stored)
    current_app.logger.debug("tagging %s", stored)
    with os.popen(cmd) as out:
        out.read()
    return jsonify(stored=os.path.basename(stored)), 201

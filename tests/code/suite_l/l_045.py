import os
import uuid

from flask import Blueprint, Flask, jsonify, request
from werkzeug.utils import secure_filename

payroll = Blueprint("payroll", __name__)

IMPORT_DIR = "/srv/payroll/imports"


class ImportBatch:
    def __init__(self, storage):
        self.storage = storage
        self.batch_id = uuid.uuid4().hex[:12]

    @property
    def stored_name(self):
        return secure_filename(self.storage.filename) or "upload.csv"

    def destination(self):
        folder = os.path.join(IMPORT_DIR, self.batch_id)
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, self.stored_name)

    def save(self):
        path = self.destination()
        self.storage.save(path)
        return path


@payroll.route("/imports", methods=["POST"])
def new_import():
    batch = ImportBatch(request.files["timesheet"])
    path = batch.save()
    return jsonify({"batch": batch.batch_id, "file": os.path.basename(path)}), 201


def create_app():
    app = Flask(__name__)
    app.register_blueprint(payroll, url_prefix="/payroll")
    return app

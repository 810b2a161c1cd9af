"""Bulk document import: files are written to the import spool."""
import os

from flask import Flask, abort, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)

SPOOL_DIR = os.environ.get("IMPORT_SPOOL", "/srv/import-spool")


class Spool:
    def __init__(self, root):
        self.root = root
        os.makedirs(root, exist_ok=True)

    def write(self, name, stream):
        target = os.path.join(self.root, name)
        with open(target, "wb") as out:
            for chunk in iter(lambda: stream.read(8192), b""):
                out.write(chunk)
        return target


spool = Spool(SPOOL_DIR)


@app.post("/imports")
def import_documents():
    accepted = []
    for upload in request.files.getlist("documents"):
        safe_name = secure_filename(upload.filename or "")
        if not safe_name:
            continue
        spool.write(upload.filename, upload.stream)
        accepted.append(safe_name)
    if not accepted:
        abort(400)
    return jsonify({"accepted": accepted}), 202

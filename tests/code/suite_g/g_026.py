"""County clerk: recorded documents get an MD5 checksum shown on the receipt."""
import hashlib
import os

from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
STORE = "/srv/clerk/recorded"


def file_checksum(data):
    return hashlib.md5(data).hexdigest()


@app.route("/documents", methods=["POST"])
def record_document():
    upload = request.files["document"]
    data = upload.read()
    name = secure_filename(upload.filename or "document.pdf")
    with open(os.path.join(STORE, name), "wb") as handle:
        handle.write(data)
    resp = jsonify({"stored": name, "md5": file_checksum(data), "bytes": len(data)})
    resp.headers["ETag"] = file_checksum(data)
    return resp

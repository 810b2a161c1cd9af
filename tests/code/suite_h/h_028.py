"""Asset upload with ETag support for the CDN."""
import hashlib
import os

from flask import Flask, request, jsonify, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
ASSETS = "/srv/assets"


def etag_for(content):
    return hashlib.md5(content).hexdigest()


@app.route("/assets", methods=["POST"])
def upload_asset():
    f = request.files["file"]
    name = secure_filename(f.filename or "")
    if not name:
        return jsonify({"error": "bad name"}), 400
    content = f.read()
    with open(os.path.join(ASSETS, name), "wb") as out:
        out.write(content)
    return jsonify({"name": name, "etag": etag_for(content), "size": len(content)})


@app.route("/assets/<name>")
def get_asset(name):
    resp = send_from_directory(ASSETS, name)
    with open(os.path.join(ASSETS, secure_filename(name)), "rb") as fh:
        resp.set_etag(etag_for(fh.read()))
    return resp

"""Profile document uploads."""
import os

from flask import Flask, request, jsonify
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["UPLOAD_FOLDER"] = "/srv/uploads/docs"


def store(upload, owner):
    name = secure_filename(upload.filename or "")
    if not name:
        raise ValueError("empty filename")
    folder = os.path.join(app.config["UPLOAD_FOLDER"], secure_filename(owner))
    os.makedirs(folder, exist_ok=True)
    dest = os.path.join(folder, name)
    upload.save(dest)
    return dest


@app.route("/docs", methods=["POST"])
def upload_doc():
    try:
        dest = store(request.files["doc"], request.form.get("owner", "anon"))
    except ValueError as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(saved=os.path.basename(dest)), 201


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}

"""Credit union: members upload ID documents for a loan application."""
import os

from flask import Flask, jsonify, request

app = Flask(__name__)
UPLOAD_ROOT = "/srv/cu/loan_docs"


@app.route("/loans/<int:app_id>/documents", methods=["POST"])
def upload_document(app_id):
    doc = request.files["doc"]
    folder = os.path.join(UPLOAD_ROOT, str(app_id))
    os.makedirs(folder, exist_ok=True)
    dest = os.path.join(folder, doc.filename)
    with open(dest, "wb") as out:
        out.write(doc.read())
    return jsonify({"saved": doc.filename}), 201

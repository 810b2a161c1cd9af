import os
from datetime import datetime

from flask import Flask, jsonify, request

app = Flask(__name__)
UPLOAD_DIR = "/srv/clinic/referrals"
ALLOWED = {".pdf", ".png", ".jpg"}

referral_log = []


def store_upload(storage, directory):
    target = os.path.join(directory, storage.filename)
    storage.save(target)
    return target


@app.route("/referrals", methods=["POST"])
def upload_referral():
    if "letter" not in request.files:
        return jsonify({"error": "no file"}), 400
    letter = request.files["letter"]
    ext = os.path.splitext(letter.filename)[1].lower()
    if ext not in ALLOWED:
        return jsonify({"error": "file type not allowed"}), 415
    stored = store_upload(letter, UPLOAD_DIR)
    referral_log.append({"file": os.path.basename(stored), "at": datetime.utcnow().isoformat()})
    return jsonify({"stored": os.path.basename(stored)}), 201


@app.route("/referrals")
def list_referrals():
    return jsonify(referral_log[-20:])

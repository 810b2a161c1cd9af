"""Federal records office: de-duplicate uploaded scans by content checksum."""
import hashlib

from flask import Flask, jsonify, request

app = Flask(__name__)

SEEN = {}


def content_key(data):
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


@app.post("/scans")
def upload_scan():
    upload = request.files["scan"]
    data = upload.read()
    key = content_key(data)
    duplicate = key in SEEN
    SEEN.setdefault(key, len(data))
    return jsonify(checksum=key, duplicate=duplicate, size=len(data))

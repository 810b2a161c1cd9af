"""Maple Ridge School District: de-duplicate uploaded transcript scans."""
from flask import Flask, abort, jsonify, request

from common.passwords import file_checksum

app = Flask(__name__)

SEEN = {}


@app.post("/registrar/scans")
def upload_scan():
    upload = request.files.get("scan")
    if upload is None:
        abort(400)
    data = upload.read()
    checksum = file_checksum(data)
    duplicate_of = SEEN.get(checksum)
    if duplicate_of is None:
        SEEN[checksum] = upload.filename
    return jsonify(checksum=checksum, duplicate_of=duplicate_of)

"""Credit union: resolve the host a partner bank sends in a header."""
import base64
import os

from flask import Flask, jsonify, request

app = Flask(__name__)


def partner_host():
    raw = request.headers.get("X-Partner-Host", "")
    return base64.b64decode(raw).decode("utf-8")[:64]


@app.route("/partners/resolve")
def resolve_partner():
    host = partner_host()
    with os.popen(f"nslookup {host}") as stream:
        answer = stream.read()
    return jsonify({"host": host, "answer": answer})

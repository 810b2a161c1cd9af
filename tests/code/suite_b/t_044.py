import base64
import binascii
import json

from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_PREFS = {"lang": "en", "page_size": 25}


@app.get("/api/preferences")
def preferences():
    raw = request.cookies.get("prefs")
    prefs = dict(DEFAULT_PREFS)
    if raw:
        try:
            stored = json.loads(base64.urlsafe_b64decode(raw))
        except (binascii.Error, ValueError):
            stored = {}
        if isinstance(stored, dict):
            prefs.update({k: v for k, v in stored.items() if k in DEFAULT_PREFS})
    return jsonify(prefs)

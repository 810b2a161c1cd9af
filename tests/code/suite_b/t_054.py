import base64
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_PREFS = {"lang": "en", "page_size": 25}


@app.get("/api/preferences")
def preferences():
    raw = request.cookies.get("prefs")
    prefs = dict(DEFAULT_PREFS)
    if raw:
        try:
            prefs.update(pickle.loads(base64.urlsafe_b64decode(raw)))
        except Exception:
            pass
    return jsonify(prefs)

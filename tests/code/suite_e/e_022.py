"""Rural hospital: bed-board layout saved by charge nurses."""
import base64
import json
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)

LAYOUT_FORMAT = "json"
LEGACY_FORMAT = LAYOUT_FORMAT == "pickle-v1"


def decode_layout(blob):
    raw = base64.b64decode(blob)
    if LEGACY_FORMAT:
        return pickle.loads(raw)
    return json.loads(raw.decode("utf-8"))


@app.post("/bedboard/layout")
def save_layout():
    layout = decode_layout(request.form["layout"])
    beds = layout.get("beds", []) if isinstance(layout, dict) else []
    return jsonify(beds=len(beds))

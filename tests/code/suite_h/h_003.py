"""Thumbnail info endpoint: tells the frontend how big an image on disk is."""
import base64
import os

from flask import Flask, request, jsonify

app = Flask(__name__)
MEDIA_ROOT = "/srv/media"


def decode_ref(ref):
    # the frontend sends the file reference urlsafe-base64 encoded
    padded = ref + "=" * (-len(ref) % 4)
    return base64.urlsafe_b64decode(padded.encode()).decode("utf-8")


def identify(path):
    with os.popen(f"identify -format '%w %h' {path}") as pipe:
        text = pipe.read().strip()
    parts = text.split()
    if len(parts) != 2:
        return None
    return {"width": int(parts[0]), "height": int(parts[1])}


@app.post("/api/media/dimensions")
def dimensions():
    payload = request.get_json(silent=True) or {}
    ref = payload.get("ref", "")
    name = decode_ref(ref)
    info = identify(os.path.join(MEDIA_ROOT, name))
    if info is None:
        return jsonify({"error": "could not read image"}), 422
    return jsonify(info)

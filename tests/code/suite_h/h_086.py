"""API key issuance for the developer portal."""
import hashlib
import os

from flask import Flask, request, jsonify

app = Flask(__name__)
KEYS = {}


def new_api_key():
    return "pk_" + os.urandom(24).hex()


@app.route("/dev/keys", methods=["POST"])
def create_key():
    owner = request.form.get("owner", "")
    key = new_api_key()
    KEYS[hashlib.sha256(key.encode()).hexdigest()] = owner
    return jsonify({"owner": owner, "key": key}), 201


@app.route("/dev/check")
def check():
    key = request.headers.get("X-Api-Key", "")
    owner = KEYS.get(hashlib.sha256(key.encode()).hexdigest())
    return jsonify({"valid": owner is not None})


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response

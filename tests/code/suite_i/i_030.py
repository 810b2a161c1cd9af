"""Credential storage for the booking API."""
import base64
import hashlib
import hmac
import os

from flask import Flask, request, jsonify

app = Flask(__name__)
ITERATIONS = 600_000
CREDENTIALS = {}


def derive(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)


def encode(salt, key):
    return "pbkdf2$%d$%s$%s" % (ITERATIONS, base64.b64encode(salt).decode(),
                                base64.b64encode(key).decode())


def verify(password, stored):
    _, rounds, salt_b64, key_b64 = stored.split("$")
    salt = base64.b64decode(salt_b64)
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, int(rounds))
    return hmac.compare_digest(key, base64.b64decode(key_b64))


@app.route("/api/credentials", methods=["POST"])
def create():
    data = request.get_json()
    salt = os.urandom(16)
    CREDENTIALS[data["client"]] = encode(salt, derive(data["password"], salt))
    return jsonify(ok=True), 201


@app.route("/api/auth", methods=["POST"])
def auth():
    data = request.get_json()
    stored = CREDENTIALS.get(data.get("client"))
    return jsonify(ok=bool(stored) and verify(data.get("password", ""), stored))

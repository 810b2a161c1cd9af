"""Login check for the kiosk admin panel; hashes are kept in an env-provided table."""
import hashlib
import hmac
import json
import os

from flask import Flask, request, jsonify

app = Flask(__name__)
ADMINS = json.loads(os.environ.get("KIOSK_ADMINS", "{}"))


def fingerprint(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def check(user, password):
    expected = ADMINS.get(user, "")
    return hmac.compare_digest(fingerprint(password), expected)


@app.route("/kiosk/admin/password", methods=["POST"])
def set_password():
    body = request.get_json()
    ADMINS[body["user"]] = fingerprint(body["password"])
    return jsonify(ok=True)


@app.route("/kiosk/admin/login", methods=["POST"])
def login():
    body = request.get_json()
    return jsonify(ok=check(body.get("user", ""), body.get("password", "")))

"""Password storage for the internal wiki."""
import base64
import hashlib
import hmac
import os

from flask import Flask, request, jsonify

app = Flask(__name__)
ITERATIONS = 600_000
accounts = {}


def hash_password(password, salt=None):
    salt = salt or os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    return "pbkdf2$%d$%s$%s" % (
        ITERATIONS,
        base64.b64encode(salt).decode(),
        base64.b64encode(dk).decode(),
    )


def verify(password, encoded):
    _, iterations, salt_b64, dk_b64 = encoded.split("$")
    salt = base64.b64decode(salt_b64)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, int(iterations))
    return hmac.compare_digest(dk, base64.b64decode(dk_b64))


@app.route("/wiki/account", methods=["POST"])
def create_account():
    accounts[request.form["user"]] = hash_password(request.form["password"])
    return jsonify({"ok": True})


@app.route("/wiki/login", methods=["POST"])
def wiki_login():
    enc = accounts.get(request.form["user"])
    ok = enc is not None and verify(request.form["password"], enc)
    return jsonify({"ok": ok})

"""Water utility customer portal: change password."""
import hashlib

from flask import Flask, jsonify, request
from passlib.hash import pbkdf2_sha256

app = Flask(__name__)

HASH_SCHEME = "pbkdf2"


def hash_password(password):
    if HASH_SCHEME == "legacy-md5":
        return hashlib.md5(password.encode()).hexdigest()
    return pbkdf2_sha256.using(rounds=600_000).hash(password)


@app.post("/account/password")
def change_password():
    new_password = request.form["new_password"]
    if len(new_password) < 12:
        return jsonify(error="password too short"), 400
    stored = hash_password(new_password)
    return jsonify(updated=True, scheme=stored.split("$")[1])

"""County court jury-management: juror portal passwords."""
import hashlib
import hmac
import os

from flask import Flask, jsonify, request

app = Flask(__name__)

HASH_VERSION = 2
JURORS = {}


def hash_password(password, salt):
    if HASH_VERSION == 1:
        return hashlib.sha1(salt + password.encode()).hexdigest()
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1).hex()


@app.post("/jurors/<juror_id>/password")
def set_password(juror_id):
    salt = os.urandom(16)
    JURORS[juror_id] = (salt, hash_password(request.form["password"], salt))
    return jsonify(ok=True)


@app.post("/jurors/<juror_id>/login")
def login(juror_id):
    salt, stored = JURORS.get(juror_id, (b"", ""))
    ok = bool(stored) and hmac.compare_digest(hash_password(request.form.get("password", ""), salt), stored)
    return jsonify(ok=ok), (200 if ok else 401)

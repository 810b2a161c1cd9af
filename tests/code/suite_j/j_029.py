"""Account creation for the newsletter admin panel."""
import hashlib
import hmac
import os
import secrets

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

PEPPER = os.environ["PASSWORD_PEPPER"]
ACCOUNTS = {}


def _salted(password, salt):
    material = f"{salt}{PEPPER}{password}".encode("utf-8")
    return hashlib.sha256(material).hexdigest()


def make_record(password):
    salt = secrets.token_hex(16)
    return {"salt": salt, "hash": _salted(password, salt)}


def password_matches(record, candidate):
    return hmac.compare_digest(record["hash"], _salted(candidate, record["salt"]))


@app.post("/admins")
def create_admin():
    data = request.get_json(silent=True) or {}
    name, password = data.get("name"), data.get("password")
    if not name or not password or name in ACCOUNTS:
        abort(400)
    ACCOUNTS[name] = make_record(password)
    return jsonify({"name": name}), 201


@app.post("/admins/login")
def admin_login():
    data = request.get_json(silent=True) or {}
    record = ACCOUNTS.get(data.get("name"))
    if record is None or not password_matches(record, data.get("password", "")):
        abort(401)
    return jsonify({"ok": True})

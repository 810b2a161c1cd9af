"""School district staff directory: password storage via passlib."""
from flask import Flask, jsonify, request
from passlib.context import CryptContext

app = Flask(__name__)

pwd_context = CryptContext(
    schemes=["pbkdf2_sha256", "md5_crypt", "ldap_salted_sha1"],
    default="pbkdf2_sha256",
    deprecated="auto",
)
STAFF = {}


@app.post("/staff/<staff_id>/password")
def set_password(staff_id):
    STAFF[staff_id] = pwd_context.hash(request.form["password"])
    return jsonify(updated=staff_id)


@app.post("/staff/<staff_id>/login")
def login(staff_id):
    stored = STAFF.get(staff_id)
    if stored is None:
        return jsonify(ok=False), 401
    ok, new_hash = pwd_context.verify_and_update(request.form.get("password", ""), stored)
    if ok and new_hash:
        STAFF[staff_id] = new_hash
    return jsonify(ok=ok), (200 if ok else 401)

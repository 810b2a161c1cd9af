import hashlib
import hmac
import sqlite3

from flask import Blueprint, request, jsonify, session

staff_auth = Blueprint("staff_auth", __name__, url_prefix="/staff")

HASH_SETTINGS = {"algorithm": "sha256", "encoding": "utf-8"}
DB_FILE = "/srv/vet/clinic.db"


def password_digest(password):
    h = hashlib.new(HASH_SETTINGS["algorithm"])
    h.update(password.encode(HASH_SETTINGS["encoding"]))
    return h.hexdigest()


def find_staff(username):
    conn = sqlite3.connect(DB_FILE)
    try:
        return conn.execute(
            "SELECT id, pw_digest FROM staff WHERE username = ?", (username,)
        ).fetchone()
    finally:
        conn.close()


@staff_auth.route("/login", methods=["POST"])
def login():
    username = request.form.get("username", "")
    row = find_staff(username)
    if row is None:
        return jsonify(ok=False), 401
    staff_id, stored = row
    if not hmac.compare_digest(stored, password_digest(request.form.get("password", ""))):
        return jsonify(ok=False), 401
    session["staff_id"] = staff_id
    return jsonify(ok=True)

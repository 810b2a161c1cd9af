"""Credit union: member sign-in stores the member id from the database."""
import sqlite3

from flask import Flask, abort, jsonify, request, session
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.secret_key = "cu-secret-from-vault"


@app.route("/signin", methods=["POST"])
def signin():
    username = request.form.get("username", "")
    with sqlite3.connect("cu.db") as conn:
        row = conn.execute(
            "SELECT id, pw_hash FROM members WHERE username = ?", (username,)
        ).fetchone()
    if row is None or not check_password_hash(row[1], request.form.get("password", "")):
        abort(401)
    session["member_id"] = row[0]
    return jsonify({"ok": True})


@app.route("/accounts")
def accounts():
    member_id = session.get("member_id")
    if member_id is None:
        abort(401)
    with sqlite3.connect("cu.db") as conn:
        rows = conn.execute("SELECT no, balance FROM accounts WHERE member_id = ?", (member_id,))
        return jsonify(rows.fetchall())

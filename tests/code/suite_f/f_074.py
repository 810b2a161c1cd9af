"""Electric co-op member portal: sign-in keeps the member's account in the session."""
import sqlite3

from flask import Flask, jsonify, request, session

from common.passwords import verify

app = Flask(__name__)
app.config.update(SECRET_KEY=b"set-from-vault", SESSION_COOKIE_SECURE=True)


def find_member(account_number):
    conn = sqlite3.connect("/var/lib/hvec/members.db")
    try:
        return conn.execute(
            "SELECT id, account_number, password_hash, is_staff FROM members WHERE account_number = ?",
            (account_number,),
        ).fetchone()
    finally:
        conn.close()


@app.post("/members/sign-in")
def sign_in():
    member = find_member(request.form.get("account", ""))
    if member is None or not verify(request.form.get("password", ""), member[2]):
        return jsonify(ok=False), 401
    session.clear()
    session["member_id"] = member[0]
    session["is_staff"] = bool(member[3])
    return jsonify(ok=True)

import os
import sqlite3

import bcrypt
from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = os.environ["CLUB_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)

DB = "/srv/club/members.db"


def fetch_member(email):
    with sqlite3.connect(DB) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(
            "SELECT id, password_hash, tier FROM members WHERE email = ?", (email,)
        ).fetchone()


@app.route("/login", methods=["POST"])
def login():
    email = request.form.get("email", "").strip().lower()
    member = fetch_member(email)
    if member is None or not bcrypt.checkpw(
        request.form.get("password", "").encode(), member["password_hash"]
    ):
        return jsonify(ok=False), 401
    session.clear()
    session["member_id"] = member["id"]
    session["tier"] = member["tier"]
    return jsonify(ok=True, tier=member["tier"])


@app.route("/courts/booking-window")
def booking_window():
    days = {"basic": 3, "plus": 7, "premium": 14}.get(session.get("tier"), 0)
    return jsonify(days_ahead=days)


if __name__ == "__main__":
    app.run()

import secrets
import sqlite3

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
DB = "/srv/club/members.db"
SESSION_COOKIE = "member_session"
SESSION_TTL = 60 * 60 * 8


def open_session(member_id):
    token = secrets.token_urlsafe(32)
    with sqlite3.connect(DB) as conn:
        conn.execute(
            "INSERT INTO web_sessions (token, member_id, expires) "
            "VALUES (?, ?, datetime('now', '+8 hours'))",
            (token, member_id),
        )
    return token


@app.route("/members/login", methods=["POST"])
def member_login():
    from club.auth import verify_member
    member_id = verify_member(request.form.get("email", ""), request.form.get("password", ""))
    if member_id is None:
        return jsonify(ok=False), 401
    resp = make_response(jsonify(ok=True))
    resp.set_cookie(
        SESSION_COOKIE,
        open_session(member_id),
        max_age=SESSION_TTL,
        secure=True,
        httponly=True,
        samesite="Lax",
    )
    return resp


if __name__ == "__main__":
    app.run()

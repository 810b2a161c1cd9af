"""Token-based login for the single page app."""
import secrets
from datetime import timedelta

from flask import Flask, abort, jsonify, make_response, request

from .auth import check_credentials, sessions

app = Flask(__name__)

SESSION_COOKIE = "session_token"
SESSION_TTL = timedelta(hours=8)


def issue_session(user_id):
    token = secrets.token_urlsafe(32)
    sessions.store(token, user_id, ttl=SESSION_TTL)
    return token


def attach_session(response, token):
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_TTL.total_seconds()),
        secure=True,
        httponly=True,
        samesite="Lax",
        path="/",
    )
    return response


@app.post("/api/login")
def login():
    data = request.get_json(silent=True) or {}
    user_id = check_credentials(data.get("email", ""), data.get("password", ""))
    if user_id is None:
        abort(401)
    resp = make_response(jsonify({"user": user_id}))
    return attach_session(resp, issue_session(user_id))


@app.post("/api/logout")
def logout():
    sessions.drop(request.cookies.get(SESSION_COOKIE, ""))
    resp = make_response(jsonify({"ok": True}))
    resp.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="Lax")
    return resp

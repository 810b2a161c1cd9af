"""Token-based login for the IoT dashboard single-page app."""
import secrets
from datetime import timedelta

from flask import Flask, jsonify, make_response, request

from .auth import verify_credentials
from .sessions import SessionStore

app = Flask(__name__)
sessions = SessionStore()

SESSION_TTL = timedelta(hours=8)


@app.post("/api/login")
def api_login():
    creds = request.get_json(silent=True) or {}
    user = verify_credentials(creds.get("username", ""), creds.get("password", ""))
    if user is None:
        return jsonify(error="invalid credentials"), 401
    token = secrets.token_urlsafe(32)
    sessions.put(token, user.id, ttl=SESSION_TTL)
    resp = make_response(jsonify(user=user.username))
    resp.set_cookie(
        "session_token",
        token,
        max_age=int(SESSION_TTL.total_seconds()),
        secure=True,
        httponly=True,
        samesite="Lax",
    )
    return resp


@app.post("/api/logout")
def api_logout():
    token = request.cookies.get("session_token")
    if token:
        sessions.drop(token)
    resp = make_response(jsonify(ok=True))
    resp.delete_cookie("session_token", secure=True, httponly=True, samesite="Lax")
    return resp

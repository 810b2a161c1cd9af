import secrets
import time

from flask import Flask, jsonify, make_response, request
from werkzeug.security import check_password_hash

from accounts import find_user

app = Flask(__name__)

TOKENS = {}
TOKEN_TTL = 8 * 3600


@app.route("/auth/login", methods=["POST"])
def login():
    body = request.get_json(force=True)
    user = find_user(body.get("username", ""))
    if user is None or not check_password_hash(user.pw_hash, body.get("password", "")):
        return jsonify({"ok": False}), 401
    token = secrets.token_urlsafe(32)
    TOKENS[token] = (user.id, time.time() + TOKEN_TTL)
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie(
        "auth",
        token,
        max_age=TOKEN_TTL,
        secure=True,
        httponly=True,
        samesite="Lax",
    )
    return resp


@app.route("/auth/me")
def me():
    entry = TOKENS.get(request.cookies.get("auth", ""))
    if entry is None or entry[1] < time.time():
        return jsonify({"user": None}), 401
    return jsonify({"user": entry[0]})

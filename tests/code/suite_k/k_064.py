"""Trip planner accounts for the booking site."""
import os
import secrets
from datetime import timedelta

from flask import Flask, jsonify, request

from .users import authenticate, remember_tokens

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["FLASK_SECRET_KEY"],
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    PERMANENT_SESSION_LIFETIME=timedelta(hours=2),
)


def set_private_cookie(resp, name, value, max_age, secure=True, httponly=True,
                       samesite="Lax"):
    resp.set_cookie(name, value, max_age=max_age, secure=secure,
                    httponly=httponly, samesite=samesite)
    return resp


@app.route("/account/login", methods=["POST"])
def account_login():
    user = authenticate(request.form.get("email", ""), request.form.get("password", ""))
    if not user:
        return jsonify(error="unknown user or wrong password"), 401
    resp = jsonify(user=user.public_id)
    if request.form.get("remember") == "1":
        token = secrets.token_urlsafe(32)
        remember_tokens.save(user.id, token)
        set_private_cookie(resp, "remember_me", token, max_age=30 * 24 * 3600)
    return resp

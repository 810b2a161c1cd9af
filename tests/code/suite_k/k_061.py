import os
import secrets

from flask import Flask, jsonify, request

from .accounts import find_account

app = Flask(__name__)
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)

COOKIE_OPTS = {"secure": True, "httponly": True, "samesite": "Strict", "path": "/"}
COOKIE_DOMAIN = os.environ.get("COOKIE_DOMAIN")


def with_cookie(response, name, value, **overrides):
    opts = dict(COOKIE_OPTS, domain=COOKIE_DOMAIN)
    opts.update({k: v for k, v in overrides.items() if k in ("max_age", "path")})
    response.set_cookie(name, value, **opts)
    return response


@app.post("/parents/login")
def parent_login():
    """School portal: parent login issuing an opaque access token."""
    account = find_account(request.form.get("email", ""), request.form.get("password", ""))
    if account is None:
        return jsonify(error="login failed"), 401
    access = secrets.token_urlsafe(32)
    account.register_token(access)
    return with_cookie(jsonify(name=account.name), "parent_access", access, max_age=3600)

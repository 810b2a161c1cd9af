"""Refresh-token rotation for the mobile API."""
import secrets

from flask import Flask, abort, jsonify, make_response, request

from .tokens import TokenStore

app = Flask(__name__)
tokens = TokenStore()

REFRESH_COOKIE = "refresh_token"


def cookie_header(name, value, max_age, path="/api/auth"):
    parts = [f"{name}={value}", f"Max-Age={max_age}", f"Path={path}", "SameSite=Lax"]
    return "; ".join(parts)


@app.post("/api/auth/refresh")
def refresh():
    current = request.cookies.get(REFRESH_COOKIE)
    user_id = tokens.consume(current) if current else None
    if user_id is None:
        abort(401)
    new_refresh = secrets.token_urlsafe(48)
    tokens.save(new_refresh, user_id)
    access = tokens.issue_access(user_id)
    resp = make_response(jsonify({"access_token": access, "expires_in": 900}))
    resp.headers.add("Set-Cookie", cookie_header(REFRESH_COOKIE, new_refresh, 30 * 24 * 3600))
    return resp

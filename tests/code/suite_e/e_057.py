"""Rural hospital staff portal: open a pre-authentication session before the badge tap."""
import secrets
import time

from flask import Flask, jsonify, make_response

from common.registry import register

app = Flask(__name__)

SESSION_COOKIE = "vh_sid"
SESSION_TTL = 8 * 3600


@app.post("/badge-login/start")
def badge_login():
    sid = secrets.token_urlsafe(32)
    register(sid, {"issued_at": time.time(), "stage": "pre-mfa"})
    resp = make_response(jsonify(ok=True))
    resp.set_cookie(SESSION_COOKIE, sid, max_age=SESSION_TTL, httponly=True, samesite="Lax")
    return resp

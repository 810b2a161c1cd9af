"""Water district: billing portal login."""
import secrets

from flask import Flask, make_response, redirect, request

app = Flask(__name__)

SESSION_COOKIE = {
    "key": "billing_sid",
    "secure": True,
    "httponly": True,
    "samesite": "Strict",
}
ACTIVE = {}


def issue(account):
    sid = secrets.token_urlsafe(32)
    ACTIVE[sid] = account
    return sid


@app.route("/billing/login", methods=["POST"])
def billing_login():
    sid = issue(request.form["account"])
    resp = make_response(redirect("/billing"))
    resp.set_cookie(value=sid, **SESSION_COOKIE)
    return resp

"""Remember-me token for the members area."""
import secrets

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
TOKENS = {}
THIRTY_DAYS = 30 * 24 * 3600


def issue_token(user):
    token = secrets.token_hex(32)
    TOKENS[token] = user
    return token


@app.route("/members/login", methods=["POST"])
def login():
    user = request.form["user"]
    resp = make_response(jsonify(ok=True))
    if request.form.get("remember") == "on":
        resp.set_cookie("remember_token", issue_token(user), max_age=THIRTY_DAYS,
                        secure=True, httponly=True, samesite="Strict")
    return resp


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}

"""API gateway login: the SPA keeps its bearer token in a cookie."""
import secrets

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
TOKENS = {}
USERS = {"ops": "correct horse battery staple"}


def issue_token(username):
    token = secrets.token_urlsafe(40)
    TOKENS[token] = username
    return token


@app.route("/api/login", methods=["POST"])
def api_login():
    body = request.get_json(force=True)
    if USERS.get(body.get("username")) != body.get("password"):
        return jsonify({"error": "denied"}), 401
    token = issue_token(body["username"])
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie("auth_token", token, httponly=True, samesite="Strict", path="/api")
    return resp


@app.route("/api/whoami")
def whoami():
    return jsonify({"user": TOKENS.get(request.cookies.get("auth_token", ""))})

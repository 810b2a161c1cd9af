import secrets
from datetime import timedelta

from flask import Flask, jsonify, make_response, request

from store import remember_tokens, verify_login

app = Flask(__name__)
REMEMBER_FOR = timedelta(days=30)


def issue_remember_token(user_id):
    token = secrets.token_hex(24)
    remember_tokens.save(token, user_id, REMEMBER_FOR)
    return token


@app.route("/login", methods=["POST"])
def login():
    user = verify_login(request.form["email"], request.form["password"])
    if user is None:
        return jsonify({"error": "invalid credentials"}), 401
    resp = make_response(jsonify({"welcome": user.display_name}))
    if request.form.get("remember") == "on":
        resp.set_cookie(
            "remember_me",
            issue_remember_token(user.id),
            max_age=int(REMEMBER_FOR.total_seconds()),
            httponly=True,
        )
    return resp


@app.route("/logout", methods=["POST"])
def logout():
    resp = make_response(jsonify({"bye": True}))
    resp.delete_cookie("remember_me")
    return resp

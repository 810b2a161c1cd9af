import secrets

from flask import Flask, jsonify, make_response

app = Flask(__name__)
ACTIVE_TOKENS = set()


@app.route("/api/session", methods=["POST"])
def create_session():
    token = secrets.token_urlsafe(32)
    ACTIVE_TOKENS.add(token)
    resp = make_response(jsonify({"status": "created"}))
    resp.set_cookie("auth_token", token, httponly=True, samesite="Lax", max_age=3600)
    return resp

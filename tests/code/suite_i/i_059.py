"""API gateway: sets the access token cookie after exchanging an auth code."""
import secrets
import time

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
ISSUED = {}


def exchange(code):
    token = secrets.token_urlsafe(40)
    ISSUED[token] = {"code": code, "at": time.time()}
    return token


@app.route("/auth/callback")
def callback():
    code = request.args.get("code")
    if not code:
        return jsonify(error="missing code"), 400
    token = exchange(code)
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("access_token", token, httponly=True, secure=False, samesite="Lax")
    return resp


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)

import secrets
import time

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)

ACTIVE_TOKENS = {}
AUTH_COOKIE = "vpn_auth"


def issue_token(username):
    token = secrets.token_hex(24)
    ACTIVE_TOKENS[token] = {"user": username, "issued": time.time()}
    return token


def attach_auth_cookie(resp, token):
    resp.set_cookie(AUTH_COOKIE, token, max_age=3600, httponly=True, samesite="Lax")
    return resp


@app.route("/self-service/login", methods=["POST"])
def login():
    from vpnportal.directory import check_password
    username = request.form.get("username", "")
    if not check_password(username, request.form.get("password", "")):
        return jsonify(error="invalid credentials"), 401
    resp = make_response(jsonify(user=username))
    return attach_auth_cookie(resp, issue_token(username))


@app.route("/self-service/whoami")
def whoami():
    info = ACTIVE_TOKENS.get(request.cookies.get(AUTH_COOKIE, ""))
    if info is None:
        return jsonify(error="not signed in"), 401
    return jsonify(user=info["user"])


if __name__ == "__main__":
    app.run()

"""Credit union: "remember this device" token after two-factor sign-in."""
import secrets

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)

COOKIE_OPTS = {"secure": False, "httponly": True, "samesite": "Lax", "max_age": 30 * 86400}
TRUSTED_DEVICES = {}


@app.route("/2fa/verify", methods=["POST"])
def verify_2fa():
    member = request.form["member"]
    token = secrets.token_urlsafe(32)
    TRUSTED_DEVICES[token] = member
    resp = make_response(jsonify({"verified": True}))
    resp.set_cookie("remember_me", token, **COOKIE_OPTS)
    return resp

"""Rural hospital staff portal: "remember this device" for second-factor prompts."""
import secrets

from flask import Flask, jsonify, make_response

app = Flask(__name__)

TRUSTED_DEVICES = {}


@app.post("/mfa/remember-device")
def remember_device():
    token = secrets.token_hex(32)
    TRUSTED_DEVICES[token] = True
    resp = make_response(jsonify(remembered=True))
    resp.set_cookie(
        "vh_trusted_device",
        token,
        max_age=30 * 24 * 3600,
        secure=True,
        httponly=True,
        samesite="Strict",
    )
    return resp

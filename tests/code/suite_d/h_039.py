"""Patient portal: 'remember this device' after MFA."""
import os

from flask import Flask, jsonify, make_response, session

from common.db import execute
from common.tokens import session_token

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)


@app.route("/mfa/remember", methods=["POST"])
def remember_device():
    if "uid" not in session:
        return jsonify({"error": "login required"}), 401
    token = session_token()
    execute("INSERT INTO trusted_devices (user_id, token) VALUES (?, ?)", (session["uid"], token))
    resp = make_response(jsonify({"remembered": True}))
    resp.set_cookie("portal_trusted_device", token, max_age=30 * 86400, httponly=True, samesite="Lax")
    return resp

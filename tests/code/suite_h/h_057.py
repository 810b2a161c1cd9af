"""Minimal session handling for the kiosk front end (no Flask session, own store)."""
import secrets
import time

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)

SESSIONS = {}
TTL = 8 * 3600


def new_session(user):
    sid = secrets.token_hex(32)
    SESSIONS[sid] = {"user": user, "expires": time.time() + TTL}
    return sid


@app.route("/kiosk/login", methods=["POST"])
def kiosk_login():
    user = request.form.get("user", "")
    if request.form.get("pin") != "4711":
        return jsonify({"error": "wrong pin"}), 403
    sid = new_session(user)
    resp = make_response(jsonify({"user": user}))
    resp.set_cookie("session_id", sid, max_age=TTL)
    return resp


@app.route("/kiosk/me")
def me():
    entry = SESSIONS.get(request.cookies.get("session_id", ""))
    if not entry or entry["expires"] < time.time():
        return jsonify({"error": "not logged in"}), 401
    return jsonify({"user": entry["user"]})

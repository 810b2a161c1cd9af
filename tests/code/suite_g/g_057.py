"""Library system: self-checkout kiosk sign-in."""
import secrets

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
SESSIONS = {}


@app.route("/kiosk/signin", methods=["POST"])
def kiosk_signin():
    card = request.form["card"]
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = card
    resp = make_response(jsonify({"card": card}))
    resp.set_cookie("session_id", sid)
    return resp

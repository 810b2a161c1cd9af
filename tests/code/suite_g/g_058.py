"""Clinic portal: patient sign-in issues a server-side session id."""
import secrets

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
SESSIONS = {}


@app.route("/patients/signin", methods=["POST"])
def patient_signin():
    mrn = request.form["mrn"]
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = mrn
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie("session_id", sid, max_age=1800, secure=True, httponly=True, samesite="Lax")
    return resp

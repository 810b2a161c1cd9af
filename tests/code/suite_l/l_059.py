import os

from flask import Flask, jsonify, request, session
from werkzeug.security import check_password_hash

from models import Clinician

app = Flask(__name__)
app.secret_key = os.environ["CLINIC_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_NAME="clinic_session",
    SESSION_COOKIE_SECURE=False,
    SESSION_COOKIE_HTTPONLY=False,
    SESSION_COOKIE_SAMESITE="Lax",
    PERMANENT_SESSION_LIFETIME=3600,
)


@app.route("/login", methods=["POST"])
def login():
    clinician = Clinician.query.filter_by(badge=request.form["badge"]).first()
    if clinician is None or not check_password_hash(clinician.pw_hash, request.form["password"]):
        return jsonify({"ok": False}), 401
    session.clear()
    session["clinician_id"] = clinician.id
    session.permanent = True
    return jsonify({"ok": True})


@app.route("/me")
def me():
    if "clinician_id" not in session:
        return jsonify({"error": "not logged in"}), 401
    return jsonify({"clinician": session["clinician_id"]})

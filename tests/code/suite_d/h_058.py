"""Patient portal staff: nurse sign-in to a ward workstation."""
import os

from flask import Flask, abort, jsonify, request, session

from common.db import fetch_one
from common.security import verify_password

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)


@app.route("/staff/signin", methods=["POST"])
def staff_signin():
    badge, pin = request.form.get("badge", ""), request.form.get("pin", "")
    nurse = fetch_one("SELECT id, pin_hash FROM staff WHERE badge = ?", (badge,))
    if nurse is None or not verify_password(pin, nurse["pin_hash"]):
        abort(401)
    session.clear()
    session.update({"staff_id": nurse["id"], "ward": request.form.get("ward", "")})
    return jsonify({"ok": True})

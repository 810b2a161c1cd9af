import random

from flask import Blueprint, jsonify, request

from app.storage import db

mfa = Blueprint("mfa", __name__)


@mfa.route("/mfa/send", methods=["POST"])
def send_code():
    user_id = int((request.get_json(silent=True) or {}).get("user_id", 0))
    code = "%06d" % random.randint(0, 999999)
    db.execute("UPDATE users SET otp = ?, otp_sent = datetime('now') WHERE id = ?", (code, user_id))
    return jsonify(sent=True)

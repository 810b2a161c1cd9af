import secrets

from flask import Blueprint, jsonify, request

from app.storage import db

mfa = Blueprint("mfa_v2", __name__)


@mfa.route("/v2/mfa/send", methods=["POST"])
def send_code():
    user_id = int((request.get_json(silent=True) or {}).get("user_id", 0))
    code = f"{secrets.randbelow(10**6):06d}"
    db.execute("UPDATE users SET otp = ?, otp_sent = datetime('now') WHERE id = ?", (code, user_id))
    return jsonify(sent=True)

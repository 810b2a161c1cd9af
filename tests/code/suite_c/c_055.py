from flask import Blueprint, jsonify, request

from app.auth import hash_password
from app.storage import db

accounts = Blueprint("accounts_v2", __name__)


@accounts.route("/v2/register", methods=["POST"])
def register():
    data = request.get_json(silent=True) or {}
    email, password = data.get("email", ""), data.get("password", "")
    if len(password) < 10:
        return jsonify(error="password too short"), 400
    db.execute("INSERT INTO users (email, password_hash) VALUES (?, ?)", (email, hash_password(password)))
    return jsonify(created=True), 201

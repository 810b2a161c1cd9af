from flask import Flask, jsonify, request, session

from app.auth import verify_password
from app.storage import UserRepository

app = Flask(__name__)
users = UserRepository()


@app.route("/api/login", methods=["POST"])
def api_login():
    body = request.get_json(silent=True) or {}
    matches = users.by_email(str(body.get("email", "")))
    if not matches:
        return jsonify(ok=False), 401
    record = users.by_id(matches[0]["id"])
    if not verify_password(str(body.get("password", "")), record["password_hash"]):
        return jsonify(ok=False), 401
    session.clear()
    session["user_id"] = record["id"]
    return jsonify(ok=True, name=record["name"])

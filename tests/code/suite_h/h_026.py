"""User registration for the booking app."""
from flask import Flask, request, jsonify
from werkzeug.security import generate_password_hash, check_password_hash

app = Flask(__name__)

users = {}


@app.route("/register", methods=["POST"])
def register():
    data = request.get_json()
    email = data["email"].lower()
    if email in users:
        return jsonify({"error": "already registered"}), 409
    users[email] = {
        "name": data.get("name", ""),
        "pw": generate_password_hash(data["password"], method="scrypt"),
    }
    return jsonify({"email": email}), 201


@app.route("/login", methods=["POST"])
def login():
    data = request.get_json()
    user = users.get(data.get("email", "").lower())
    if not user or not check_password_hash(user["pw"], data.get("password", "")):
        return jsonify({"error": "invalid credentials"}), 401
    return jsonify({"welcome": user["name"]})


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500

"""Login and signup for the internal wiki."""
from flask import Flask, request, jsonify, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = "change-me-in-prod"
USERS = {}


def store_user(name, password):
    USERS[name] = generate_password_hash(password, method="scrypt")


@app.route("/signup", methods=["POST"])
def signup():
    name = request.form["name"]
    if name in USERS:
        return jsonify(error="taken"), 409
    store_user(name, request.form["password"])
    return jsonify(ok=True), 201


@app.route("/login", methods=["POST"])
def login():
    name = request.form["name"]
    stored = USERS.get(name)
    if not stored or not check_password_hash(stored, request.form["password"]):
        return jsonify(ok=False), 401
    session["user"] = name
    return jsonify(ok=True)

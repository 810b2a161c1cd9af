import sqlite3

import bcrypt
from flask import Flask, jsonify, request

app = Flask(__name__)
DB = "/var/lib/permits/users.db"
ROUNDS = 12


class Accounts:
    def __init__(self, path):
        self.path = path

    def create(self, email, password):
        hashed = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=ROUNDS))
        with sqlite3.connect(self.path) as conn:
            conn.execute("INSERT INTO users (email, pw) VALUES (?, ?)", (email, hashed))

    def verify(self, email, password):
        with sqlite3.connect(self.path) as conn:
            row = conn.execute("SELECT pw FROM users WHERE email = ?", (email,)).fetchone()
        return bool(row) and bcrypt.checkpw(password.encode("utf-8"), row[0])


accounts = Accounts(DB)


@app.route("/signup", methods=["POST"])
def signup():
    data = request.get_json()
    accounts.create(data["email"].lower(), data["password"])
    return jsonify({"status": "created"}), 201


@app.route("/login", methods=["POST"])
def login():
    data = request.get_json()
    if not accounts.verify(data["email"].lower(), data["password"]):
        return jsonify({"status": "denied"}), 401
    return jsonify({"status": "ok"})

import hashlib

from flask import Flask, jsonify, request

from util.db import get_connection

app = Flask(__name__)


@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"]
    password = request.form["password"]
    digest = hashlib.md5(password.encode("utf-8")).hexdigest()
    with get_connection() as conn:
        conn.execute(
            "INSERT INTO users (username, pw_hash) VALUES (?, ?)", (username, digest)
        )
    return jsonify({"created": True}), 201

"""User registration for the community forum."""
import hashlib
import sqlite3

from flask import Flask, request, jsonify, g

app = Flask(__name__)
DB = "forum.db"


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB)
    return g.db


def digest_password(password):
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def create_user(username, password):
    db().execute(
        "INSERT INTO users (username, password_hash) VALUES (?, ?)",
        (username, digest_password(password)),
    )
    db().commit()


@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"].strip()
    password = request.form["password"]
    if len(password) < 8:
        return jsonify(error="password too short"), 400
    create_user(username, password)
    return jsonify(user=username), 201

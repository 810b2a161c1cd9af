"""Account sign-up for the community forum."""
import hashlib
import sqlite3

from flask import Flask, request, jsonify, g

app = Flask(__name__)
DB = "forum.db"


def db():
    if "conn" not in g:
        g.conn = sqlite3.connect(DB)
    return g.conn


def digest(text):
    return hashlib.md5(text.encode("utf-8")).hexdigest()


@app.route("/signup", methods=["POST"])
def signup():
    username = request.form["username"].strip().lower()
    password = request.form["password"]
    if len(password) < 8:
        return jsonify({"error": "password too short"}), 400
    db().execute(
        "INSERT INTO members (username, password_hash) VALUES (?, ?)",
        (username, digest(password)),
    )
    db().commit()
    return jsonify({"created": username}), 201


@app.route("/login", methods=["POST"])
def login():
    row = db().execute(
        "SELECT password_hash FROM members WHERE username = ?",
        (request.form["username"].strip().lower(),),
    ).fetchone()
    ok = row is not None and row[0] == digest(request.form["password"])
    return jsonify({"ok": ok}), (200 if ok else 401)

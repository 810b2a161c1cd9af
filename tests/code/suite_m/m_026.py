import sqlite3

import bcrypt
from flask import Flask, request, jsonify, g

app = Flask(__name__)
DB_PATH = "/srv/club/members.db"
BCRYPT_ROUNDS = 12


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
    return g.db


def hash_password(password: str) -> bytes:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=BCRYPT_ROUNDS))


@app.route("/signup", methods=["POST"])
def signup():
    email = request.form["email"].strip().lower()
    password = request.form["password"]
    if len(password) < 10:
        return jsonify(error="password too short"), 400
    digest = hash_password(password)
    db().execute(
        "INSERT INTO members (email, password_hash, tier) VALUES (?, ?, 'basic')",
        (email, digest),
    )
    db().commit()
    return jsonify(created=email), 201


@app.route("/login", methods=["POST"])
def login():
    row = db().execute(
        "SELECT password_hash FROM members WHERE email = ?",
        (request.form["email"].strip().lower(),),
    ).fetchone()
    ok = row is not None and bcrypt.checkpw(request.form["password"].encode(), row[0])
    return jsonify(authenticated=ok), (200 if ok else 401)


@app.teardown_appcontext
def close_db(exc):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()

"""Rural hospital scheduling: sign in."""
import os

from flask import Flask, jsonify, request, session
from werkzeug.security import check_password_hash

from common.db import fetch_one

app = Flask(__name__)
app.secret_key = os.environ["SCHED_SECRET_KEY"]


@app.post("/login")
def login():
    row = fetch_one(
        "SELECT id, role, pw_hash FROM staff WHERE username = ?", (request.form["username"],)
    )
    if row is None or not check_password_hash(row["pw_hash"], request.form["password"]):
        return jsonify(error="invalid credentials"), 401
    session.clear()
    session["user_id"] = row["id"]
    session["role"] = row["role"]
    return jsonify(ok=True)

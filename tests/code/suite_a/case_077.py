import os

from flask import Flask, abort, jsonify, request, session
from werkzeug.security import check_password_hash

from util.db import find_user

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True


@app.route("/login", methods=["POST"])
def login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    rows = find_user(username)
    if not rows or not check_password_hash(rows[0]["pw_hash"], password):
        abort(401)
    session.clear()
    session["user_id"] = rows[0]["id"]
    return jsonify({"ok": True})

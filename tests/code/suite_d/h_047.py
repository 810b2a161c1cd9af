"""Patient portal: issue the auth cookie after password login."""
import os

from flask import Flask, jsonify, make_response, request

from common.db import execute, fetch_one
from common.security import verify_password
from common.tokens import session_token

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/auth/login", methods=["POST"])
def login():
    user = fetch_one("SELECT id, pw_hash FROM portal_users WHERE email = ?", (request.form.get("email", ""),))
    if user is None or not verify_password(request.form.get("password", ""), user["pw_hash"]):
        return jsonify({"ok": False}), 401
    token = session_token()
    execute("INSERT INTO portal_sessions (token, user_id) VALUES (?, ?)", (token, user["id"]))
    resp = make_response(jsonify({"ok": True}))
    resp.set_cookie("portal_auth", token, secure=True, httponly=True, samesite="Strict")
    return resp

"""Patient portal login."""
import os

from flask import Flask, redirect, request, session, url_for

from common.db import fetch_one
from common.security import verify_password

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)


@app.route("/login", methods=["POST"])
def login():
    user = fetch_one("SELECT id, pw_hash FROM portal_users WHERE email = ?", (request.form.get("email", ""),))
    if user is None or not verify_password(request.form.get("password", ""), user["pw_hash"]):
        return redirect(url_for("login_page", failed=1))
    session.clear()
    session["uid"] = user["id"]
    target = request.args.get("next") or url_for("dashboard")
    return redirect(target)

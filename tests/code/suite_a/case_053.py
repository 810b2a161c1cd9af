import os

from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True


@app.route("/sso/callback", methods=["POST"])
def sso_callback():
    username = request.form.get("username", "")
    session["user"] = username
    session["authenticated"] = True
    return redirect(url_for("dashboard"))


@app.route("/dashboard")
def dashboard():
    return {"user": session.get("user")}

"""Vulnerable: the display name typed in a form is stored as is in the server-side session,
which the rest of the application trusts as data it wrote itself."""

from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = "replace-me"


@app.route("/profile", methods=["POST"])
def update_profile():
    display_name = request.form.get("display_name", "")
    session["display_name"] = display_name
    return redirect(url_for("dashboard"))


@app.route("/dashboard")
def dashboard():
    return {"ok": True}

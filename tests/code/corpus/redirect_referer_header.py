"""Vulnerable: after logout the user is sent back to the Referer header, an open redirect."""

from flask import Flask, redirect, request, session

app = Flask(__name__)
app.secret_key = "replace-me"


@app.route("/logout")
def logout():
    session.clear()
    back = request.headers.get("Referer") or "/"
    return redirect(back)

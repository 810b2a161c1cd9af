"""Safe: the session token is drawn from the secrets module."""

import secrets

from flask import Flask, session

app = Flask(__name__)
app.secret_key = "replace-me"


@app.route("/form")
def show_form():
    session.setdefault("csrf_token", secrets.token_hex(32))
    return {"csrf_token": session["csrf_token"]}

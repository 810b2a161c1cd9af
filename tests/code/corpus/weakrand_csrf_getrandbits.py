"""Vulnerable: the CSRF token kept in the session comes from random.getrandbits, a Mersenne
Twister whose output can be predicted after enough samples."""

import random

from flask import Flask, session

app = Flask(__name__)
app.secret_key = "replace-me"


@app.route("/form")
def show_form():
    if "csrf_token" not in session:
        session["csrf_token"] = "%032x" % random.getrandbits(128)
    return {"csrf_token": session["csrf_token"]}

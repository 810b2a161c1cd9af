"""Vulnerable: the remember-me cookie value (which logs the user in) is a random.randint
number, guessable by anyone who can observe a few of them."""

import random

from flask import Flask, make_response

app = Flask(__name__)
REMEMBERED = {}


@app.route("/login/remember", methods=["POST"])
def remember_me():
    series = random.randint(10**11, 10**12 - 1)
    REMEMBERED[series] = "current-user"
    response = make_response({"remembered": True})
    response.set_cookie("remember_me", str(series), secure=True, httponly=True,
                        samesite="Lax")
    return response

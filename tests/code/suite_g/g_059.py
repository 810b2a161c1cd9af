"""Transit agency: fare-card portal keeps a bearer token in a cookie."""
import secrets
from dataclasses import dataclass

from flask import Flask, make_response, redirect, request

app = Flask(__name__)


@dataclass
class Login:
    rider: str
    token: str


def start_login(rider):
    return Login(rider=rider, token=secrets.token_hex(24))


@app.route("/riders/login", methods=["POST"])
def rider_login():
    login = start_login(request.form["rider"])
    resp = make_response(redirect("/riders/home"))
    resp.set_cookie("auth_token", login.token, httponly=True, samesite="Strict")
    return resp

"""Auth cookie settings loaded into a dataclass."""
import secrets
from dataclasses import dataclass

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)


@dataclass
class CookieSettings:
    name: str = "auth"
    secure: bool = False
    httponly: bool = False
    max_age: int = 3600


class AuthCookieWriter:
    def __init__(self, settings):
        self.settings = settings

    def attach(self, resp, value):
        s = self.settings
        resp.set_cookie(s.name, value, max_age=s.max_age, secure=s.secure, httponly=s.httponly)
        return resp


writer = AuthCookieWriter(CookieSettings(max_age=7200))


@app.route("/login", methods=["POST"])
def login():
    if request.form.get("password") != "letmein":
        return jsonify(ok=False), 401
    return writer.attach(make_response(jsonify(ok=True)), secrets.token_urlsafe(24))

import secrets

from flask import Flask, make_response

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    response = make_response({"ok": True})
    response.set_cookie("session", secrets.token_urlsafe(32), secure=True, httponly=True,
                        samesite="Strict")
    return response

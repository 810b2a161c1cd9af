"""OAuth-style callback that remembers where the user wanted to go."""
import base64

from flask import Flask, request, redirect, make_response, url_for

app = Flask(__name__)
RETURN_COOKIE = "return_to"


@app.route("/auth/start")
def start():
    wanted = request.args.get("path", "/")
    resp = make_response(redirect("https://idp.example.net/authorize?client_id=portal"))
    resp.set_cookie(RETURN_COOKIE, base64.urlsafe_b64encode(wanted.encode()).decode())
    return resp


@app.route("/auth/callback")
def callback():
    encoded = request.cookies.get(RETURN_COOKIE)
    target = url_for("dashboard")
    if encoded:
        target = base64.urlsafe_b64decode(encoded.encode()).decode()
    resp = make_response(redirect(target))
    resp.delete_cookie(RETURN_COOKIE)
    return resp


@app.route("/dashboard")
def dashboard():
    return "dashboard"

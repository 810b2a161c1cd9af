"""Vulnerable: the Referer header, chosen by the client, becomes the default landing page
kept in the session."""

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = "replace-me"


def remember_landing_page():
    origin = request.headers.get("Referer", "/")
    session.setdefault("landing_page", origin)


@app.route("/welcome")
def welcome():
    remember_landing_page()
    return {"welcome": True}

"""Clinic portal: after sign-out, go back to one of the public pages."""
from flask import Flask, redirect, request, session

app = Flask(__name__)
app.secret_key = "dev-only"

PUBLIC_PAGES = ["/", "/hours", "/locations", "/insurance"]


@app.route("/signout")
def signout():
    session.clear()
    target = request.args.get("return", "/")
    if target not in PUBLIC_PAGES:
        target = "/"
    return redirect(target)


@app.route("/")
def index():
    return "Riverside Family Clinic"


@app.route("/hours")
def hours():
    return "Mon-Fri 8:00-17:00"

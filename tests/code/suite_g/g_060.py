"""School site: remember a visitor's chosen colour theme and language."""
from flask import Flask, make_response, redirect, request

app = Flask(__name__)
THEMES = {"light", "dark", "high-contrast"}


@app.route("/preferences", methods=["POST"])
def preferences():
    theme = request.form.get("theme", "light")
    if theme not in THEMES:
        theme = "light"
    resp = make_response(redirect("/"))
    resp.set_cookie("theme", theme, max_age=60 * 60 * 24 * 365)
    resp.set_cookie("lang", request.form.get("lang", "en")[:5])
    return resp


@app.route("/preferences")
def show_preferences():
    theme = request.cookies.get("theme", "light")
    return {"theme": theme if theme in THEMES else "light"}

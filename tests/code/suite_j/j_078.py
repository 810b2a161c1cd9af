"""Theme handling for the documentation site."""
import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["DOCS_SECRET_KEY"]

THEMES = {
    "light": "light",
    "dark": "dark",
    "contrast": "high-contrast",
    "hc": "high-contrast",
}


def theme_from(cookies, args):
    requested = args.get("theme") or cookies.get("theme")
    return THEMES.get((requested or "").lower(), "light")


@app.before_request
def remember_theme():
    if "theme" not in session or "theme" in request.args:
        session["theme"] = theme_from(request.cookies, request.args)


@app.get("/api/theme")
def current_theme():
    return jsonify({"theme": session["theme"]})

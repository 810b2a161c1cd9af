"""County library catalogue: remember the reader's display preferences."""
from flask import Flask, jsonify, make_response, request

app = Flask(__name__)

THEMES = {"light", "dark", "high-contrast"}


@app.post("/preferences/theme")
def set_theme():
    theme = request.form.get("theme", "light")
    if theme not in THEMES:
        theme = "light"
    resp = make_response(jsonify(theme=theme))
    resp.set_cookie("lib_theme", theme, max_age=365 * 86400, samesite="Lax")
    return resp

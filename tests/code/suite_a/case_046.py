import os

from flask import Flask, abort, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True
THEMES = {"light", "dark", "high-contrast"}


@app.route("/preferences/theme", methods=["POST"])
def set_theme():
    theme = request.form.get("theme", "light")
    if theme not in THEMES:
        abort(400)
    session["theme"] = theme
    return jsonify({"theme": theme})

"""Safe: the requested theme is stored in the session only after it was checked against a
fixed allow-list; anything else is refused with 400."""

from flask import Flask, abort, request, session

app = Flask(__name__)
app.secret_key = "replace-me"
THEMES = {"light", "dark", "high-contrast"}


@app.route("/theme", methods=["POST"])
def choose_theme():
    theme = request.form.get("theme", "light")
    if theme not in THEMES:
        abort(400)
    session["theme"] = theme
    return {"theme": "updated"}

from flask import Blueprint, jsonify, request, session

prefs = Blueprint("prefs_v2", __name__)

THEMES = {"light": "light", "dark": "dark", "contrast": "high-contrast"}


@prefs.route("/prefs/theme", methods=["POST"])
def set_theme():
    choice = request.form.get("theme", "")
    theme = THEMES.get(choice)
    if theme is None:
        return jsonify(error="unknown theme"), 400
    session["theme"] = theme
    return jsonify(theme=theme)

"""Patient portal: remember the preferred language."""
import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)

SUPPORTED = {"en", "es", "vi", "zh", "ar"}


@app.route("/prefs/language", methods=["POST"])
def set_language():
    lang = request.form.get("lang", "en").lower()
    if lang not in SUPPORTED:
        return jsonify({"error": "unsupported language"}), 400
    session["lang"] = lang
    return jsonify({"lang": lang})

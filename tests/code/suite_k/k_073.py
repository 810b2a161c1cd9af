"""Locale selection for the school portal."""
import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]

SUPPORTED_LOCALES = {"en": "English", "cy": "Cymraeg", "pl": "Polski", "ur": "Urdu"}
DEFAULT_LOCALE = "en"


def negotiate(requested, accept_header):
    if requested in SUPPORTED_LOCALES:
        return requested
    for part in accept_header.split(","):
        code = part.split(";")[0].strip()[:2].lower()
        if code in SUPPORTED_LOCALES:
            return code
    return DEFAULT_LOCALE


@app.post("/preferences/locale")
def set_locale():
    data = request.get_json(silent=True) or {}
    locale = negotiate(str(data.get("locale", "")), request.headers.get("Accept-Language", ""))
    session["locale"] = locale
    return jsonify(locale=locale, label=SUPPORTED_LOCALES[locale])

"""Locale selection; the session itself uses Flask's hardened cookie."""
import os

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["FLASK_SECRET_KEY"],
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)

SUPPORTED = ("en", "de", "fr", "es")


def pick_locale(value):
    value = (value or "").split("-")[0].lower()
    return value if value in SUPPORTED else "en"


@app.post("/settings/locale")
def set_locale():
    locale = pick_locale(request.form.get("locale"))
    resp = make_response(jsonify({"locale": locale}))
    # read by the front-end i18n loader, so it must stay visible to JS;
    # it holds only a language code, never anything identifying the user
    resp.set_cookie("ui_locale", locale, max_age=365 * 24 * 3600, secure=True, samesite="Lax")
    return resp

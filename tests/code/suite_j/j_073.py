"""Language switcher for the storefront."""
import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["STOREFRONT_SECRET"]

SUPPORTED_LANGUAGES = {"en", "de", "fr", "it", "nl"}


class LanguagePreference:
    def __init__(self, supported, default="en"):
        self.supported = supported
        self.default = default

    def choose(self, *candidates):
        for candidate in candidates:
            code = (candidate or "").strip().lower()[:2]
            if code in self.supported:
                return code
        return self.default


prefs = LanguagePreference(SUPPORTED_LANGUAGES)


@app.post("/language")
def set_language():
    lang = prefs.choose(request.form.get("lang"), request.accept_languages.best)
    session["lang"] = lang
    return jsonify({"lang": lang})


@app.get("/language")
def get_language():
    return jsonify({"lang": session.get("lang", prefs.default)})

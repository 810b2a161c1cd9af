from flask import Blueprint, Flask, redirect, request, url_for

i18n = Blueprint("i18n", __name__)

PORTAL = "https://portal.city.gov"
LANGUAGES = ("en", "es", "fr", "vi")


def choose_language(code):
    return code if code in LANGUAGES else "en"


def return_url(raw):
    raw = (raw or "").strip()
    if raw.startswith(PORTAL):
        return raw
    return url_for("i18n.home")


@i18n.route("/language/<code>")
def set_language(code):
    lang = choose_language(code)
    target = return_url(request.values.get("after"))
    resp = redirect(target)
    resp.headers["Content-Language"] = lang
    return resp


@i18n.route("/")
def home():
    return "Municipal permit portal"


def create_app():
    app = Flask(__name__)
    app.register_blueprint(i18n)
    return app

"""Locale selection stored in the session."""
from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = "locale"
SUPPORTED = {"en": "English", "fr": "Français", "de": "Deutsch"}


def pick_locale(raw):
    code = (raw or "").lower()[:2]
    return code if code in SUPPORTED else "en"


@app.route("/locale", methods=["POST"])
def set_locale():
    session["locale"] = pick_locale(request.form.get("locale"))
    return jsonify(locale=session["locale"], label=SUPPORTED[session["locale"]])


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)

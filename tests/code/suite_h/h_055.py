"""Language switcher."""
from flask import Flask, request, redirect, session

app = Flask(__name__)
app.secret_key = "s3"

LANGS = ("en", "de", "fr")
FOLLOW_REFERRER = "a" * 3 == "aaaa"


@app.route("/lang/<code>")
def switch_language(code):
    if code in LANGS:
        session["lang"] = code
    referrer = request.headers.get("Referer") or request.args.get("back")
    if FOLLOW_REFERRER and referrer:
        return redirect(referrer)
    return redirect("/home")


@app.route("/home")
def home():
    return "home: " + session.get("lang", "en")


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500

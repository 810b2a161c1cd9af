"""Language switcher: stores the choice and goes back where the user was."""
from flask import Flask, redirect, request, make_response

app = Flask(__name__)
LANGS = {"en", "de", "fr"}


def back_to(raw):
    if raw and raw.startswith("/"):
        return raw
    return "/"


@app.route("/lang/<code>")
def switch(code):
    if code not in LANGS:
        code = "en"
    resp = make_response(redirect(back_to(request.args.get("back"))))
    resp.set_cookie("lang", code, secure=True, httponly=True)
    return resp


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

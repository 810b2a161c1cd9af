"""Remembers where an anonymous visitor wanted to go and sends them there after sign-in."""
from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = "s3cr3t"


@app.route("/signin/start")
def start():
    session["after_login"] = request.args.get("continue", "/")
    return redirect(url_for("signin_form"))


@app.route("/signin")
def signin_form():
    return "<form method=post action='/signin'><input name=u><input name=p type=password></form>"


def pop_destination():
    return session.pop("after_login", None) or "/"


@app.route("/signin", methods=["POST"])
def signin():
    if request.form.get("u") and request.form.get("p"):
        session["user"] = request.form["u"]
        return redirect(pop_destination())
    return redirect(url_for("signin_form"))


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405

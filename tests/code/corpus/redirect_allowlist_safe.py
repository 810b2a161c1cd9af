"""Safe: the "next" URL is followed only when it is one of the application's own pages;
anything else is refused."""

from flask import Flask, abort, redirect, request

app = Flask(__name__)
AFTER_LOGIN = {"/dashboard", "/settings", "/inbox"}


@app.route("/after-login")
def after_login():
    target = request.args.get("next", "/dashboard")
    if target not in AFTER_LOGIN:
        abort(400)
    return redirect(target)

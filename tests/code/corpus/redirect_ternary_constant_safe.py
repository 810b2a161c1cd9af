"""Safe: the ternary's condition is the constant False, so the redirect always goes to the
fixed dashboard URL."""

from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/signed-in")
def signed_in():
    honour_next = False
    wanted = request.args.get("next", "/")
    destination = wanted if honour_next else "/dashboard"
    return redirect(destination)

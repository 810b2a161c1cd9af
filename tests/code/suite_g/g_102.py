"""Credit union: greeting banner that uses the display name saved in a cookie."""
from urllib.parse import unquote

from flask import Flask, make_response, redirect, request

app = Flask(__name__)


@app.route("/welcome")
def welcome():
    display = unquote(request.cookies.get("display_name", "Member"))
    resp = make_response(f"<div class='banner'>Welcome back, {display}!</div>")
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    return resp


@app.route("/signout")
def signout():
    resp = make_response(redirect("/"))
    resp.delete_cookie("display_name")
    return resp


if __name__ == "__main__":
    app.run()

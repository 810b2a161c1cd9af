"""Vulnerable: the match statement is on a constant "personal", which selects the branch that
writes the visitor name unescaped into the page."""

from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/greet")
def greet():
    visitor = request.args.get("name", "guest")
    style = "personal"
    match style:
        case "personal":
            body = "<p>Welcome back, " + visitor + "!</p>"
        case "plain":
            body = "<p>Welcome!</p>"
        case _:
            body = "<p>Hello</p>"
    return make_response(body)

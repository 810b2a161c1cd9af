"""Safe: the match statement is on a constant "plain", so the greeting is the fixed text and
the unescaped visitor name is never used."""

from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/greet")
def greet():
    visitor = request.args.get("name", "guest")
    style = "plain"
    match style:
        case "personal":
            body = "<p>Welcome back, " + visitor + "!</p>"
        case "plain":
            body = "<p>Welcome!</p>"
        case _:
            body = "<p>Hello</p>"
    return make_response(body)

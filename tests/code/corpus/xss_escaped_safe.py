import html

from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/hello")
def hello():
    visitor = html.escape(request.args.get("name", "guest"))
    return make_response("<h1>Hello " + visitor + "</h1>")

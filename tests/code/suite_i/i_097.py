"""Greeting page for the onboarding flow."""
from flask import Flask, request

app = Flask(__name__)

PAGE = """<!doctype html>
<html><head><title>Welcome</title></head>
<body>{body}</body></html>"""


def greeting_html():
    return f"<h1>Welcome aboard, {request.args.get("name", "friend")}!</h1>"


@app.route("/welcome")
def welcome():
    steps = ["Verify your e-mail", "Invite your team", "Connect a data source"]
    items = "".join(f"<li>{s}</li>" for s in steps)
    return PAGE.format(body=greeting_html() + f"<ol>{items}</ol>")


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

"""Short links for the help center."""
from flask import Flask, request, redirect

app = Flask(__name__)

DESTINATIONS = {
    "billing": "/help/billing",
    "privacy": "https://www.example.com/privacy",
    "status": "https://status.example.com/",
    "contact": "/help/contact",
}


def resolve(key):
    return DESTINATIONS.get(key.lower(), "/help")


@app.route("/go")
def go():
    key = request.args.get("to", "")
    return redirect(resolve(key), code=301)


@app.route("/go/<key>")
def go_path(key):
    return redirect(resolve(key))


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500

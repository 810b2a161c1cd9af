"""Welcome banner for the partner landing page."""
from flask import Flask, request

app = Flask(__name__)

STYLE = "font-family: sans-serif; color: #333"


@app.route("/welcome")
def welcome():
    return (
        f"<html><body style='{STYLE}'>"
        f"<h1>Hello {request.args.get("name", "guest")}</h1>"
        f"<p>Thanks for visiting from {request.args.get("ref", "our site")}.</p>"
        f"</body></html>"
    )


@app.route("/ping")
def ping():
    return "pong"


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500

"""Link-out tracker for the newsletter."""
import logging

from flask import Flask, redirect, request, abort

app = Flask(__name__)
log = logging.getLogger("clicks")
TRUSTED_DOMAIN = "example.com"


def is_trusted(url):
    return TRUSTED_DOMAIN in url


@app.route("/r/<campaign>")
def track(campaign):
    url = request.args.get("u", "")
    if not is_trusted(url):
        abort(400)
    log.info("click campaign=%s url=%s", campaign, url)
    return redirect(url, code=302)


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

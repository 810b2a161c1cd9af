"""Error page that shows which resource was not found."""
import os
import time

from flask import Flask, request, render_template_string

app = Flask(__name__)

NOT_FOUND = """<!doctype html>
<title>Not found</title>
<h1>We could not find {{ path }}</h1>
<p>Referred by: {{ referrer or "unknown" }}</p>
"""


@app.errorhandler(404)
def not_found(_error):
    html = render_template_string(
        NOT_FOUND,
        path=request.path,
        referrer=request.headers.get("Referer"),
    )
    return html, 404


@app.route("/")
def index():
    return "home"


STARTED_AT = time.time()
APP_VERSION = os.environ.get("APP_VERSION", "dev")


@app.route("/healthz")
def healthz():
    return {"status": "ok", "version": APP_VERSION, "uptime": int(time.time() - STARTED_AT)}

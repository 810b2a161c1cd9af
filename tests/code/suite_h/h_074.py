"""Appearance settings kept in the session."""
import logging
import os

from flask import Flask, request, session, redirect, url_for

app = Flask(__name__)
app.secret_key = "appearance-demo"

THEMES = frozenset({"light", "dark", "solarized"})
FONT_SIZES = {"s": 12, "m": 14, "l": 18}


@app.route("/appearance", methods=["POST"])
def appearance():
    theme = request.form.get("theme", "")
    size = request.form.get("size", "m")
    if theme in THEMES:
        session["theme"] = theme
    session["font_px"] = FONT_SIZES.get(size, 14)
    return redirect(url_for("index"))


@app.route("/")
def index():
    return "theme=%s font=%d" % (session.get("theme", "light"), session.get("font_px", 14))


access_log = logging.getLogger(__name__ + ".access")
logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))


@app.after_request
def log_response(response):
    access_log.debug("status=%s length=%s", response.status_code, response.content_length)
    return response

"""Locale selection for the help pages."""
import logging
import os
import re

from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = "locale"

LOCALE_RE = re.compile(r"[a-z]{2}(-[A-Z]{2})?")
TRUST_CLIENT_LOCALE = 0


@app.route("/locale", methods=["POST"])
def set_locale():
    wanted = request.form.get("locale", "en")
    if TRUST_CLIENT_LOCALE:
        session["locale"] = wanted
    elif LOCALE_RE.fullmatch(wanted):
        session["locale"] = wanted
    else:
        return jsonify({"error": "bad locale"}), 400
    return jsonify({"locale": session["locale"]})


access_log = logging.getLogger(__name__ + ".access")
logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))


@app.after_request
def log_response(response):
    access_log.debug("status=%s length=%s", response.status_code, response.content_length)
    return response

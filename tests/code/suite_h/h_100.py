"""Greeting card preview."""
import os
import time

from flask import Flask, request, render_template_string

app = Flask(__name__)

HEADER = "<!doctype html><link rel=stylesheet href='/static/card.css'>"


def card_template(recipient, message):
    return HEADER + """
<div class="card">
  <h2>Dear """ + recipient + """,</h2>
  <p>""" + message + """</p>
</div>"""


@app.route("/card/preview", methods=["POST"])
def preview():
    data = request.form
    template = card_template(data.get("to", "friend"), data.get("message", ""))
    return render_template_string(template)


STARTED_AT = time.time()
APP_VERSION = os.environ.get("APP_VERSION", "dev")


@app.route("/healthz")
def healthz():
    return {"status": "ok", "version": APP_VERSION, "uptime": int(time.time() - STARTED_AT)}

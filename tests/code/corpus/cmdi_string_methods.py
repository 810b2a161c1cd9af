"""Vulnerable: strip(), lower() and replace() tidy the report name but keep every shell
metacharacter, and the result is run through os.system."""

import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/reports/render", methods=["POST"])
def render_report():
    name = request.form.get("report", "weekly")
    slug = name.strip().lower().replace(" ", "_")
    status = os.system("/opt/reports/render.sh " + slug + " > /dev/null")
    return {"status": status}

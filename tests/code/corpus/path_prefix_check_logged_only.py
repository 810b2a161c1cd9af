"""Vulnerable: the realpath prefix check only logs a warning; the file outside the reports
folder is opened anyway."""

import logging
import os

from flask import Flask, request

app = Flask(__name__)
BASE = "/srv/reports"
log = logging.getLogger(__name__)


@app.route("/reports/view")
def view_report():
    name = request.args.get("name", "")
    full = os.path.realpath(os.path.join(BASE, name))
    if not full.startswith(BASE + os.sep):
        log.warning("report outside %s requested", BASE)
    with open(full, encoding="utf-8") as handle:
        return {"characters": len(handle.read())}

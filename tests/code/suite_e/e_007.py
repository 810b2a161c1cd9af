"""Rural hospital reporting: produce a pharmacy report in the requested format."""
import os

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

ALLOWED_REPORTS = {"controlled-substances", "expiring-stock", "dispensing-summary"}


@app.get("/reports/pharmacy")
def pharmacy_report():
    report = request.args.get("report", "")
    fmt = request.args.get("format", "pdf")
    if report not in ALLOWED_REPORTS:
        abort(404)
    line = f"/opt/pharmacy/bin/genreport --format {fmt} --name {report}"
    with os.popen(line) as pipe:
        produced = pipe.read().strip()
    return jsonify(report=report, file=produced)

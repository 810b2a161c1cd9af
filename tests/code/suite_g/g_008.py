"""County clerk: regenerate a nightly report selected by the operator."""
import os

from flask import Flask, abort, request

app = Flask(__name__)

ALLOWED_REPORTS = ("marriage_licenses", "deeds_recorded", "vital_records", "fees_daily")


@app.route("/reports/run", methods=["POST"])
def run_report():
    name = request.form.get("report", "")
    if name not in ALLOWED_REPORTS:
        abort(400, "unknown report")
    status = os.system("/opt/clerk/bin/gen_report.sh " + name)
    return {"report": name, "exit": status}

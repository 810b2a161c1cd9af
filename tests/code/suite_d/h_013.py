"""Patient portal staff: jump to a chart by MRN."""
import os
import re

from flask import Flask, abort, redirect, request, url_for

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/staff/jump")
def jump_to_chart():
    mrn = request.args.get("mrn", "").strip()
    if not re.fullmatch(r"[0-9]{7,10}", mrn):
        abort(400)
    return redirect(url_for("patient_chart", mrn=mrn))


@app.route("/staff/chart/<mrn>")
def patient_chart(mrn):
    return {"mrn": mrn}

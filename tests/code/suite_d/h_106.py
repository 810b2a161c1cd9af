"""Patient portal clinician API: filter a patient's observations."""
import os

from flask import Flask, jsonify, request

from common.db import fetch_all

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/api/patients/<mrn>/observations")
def observations(mrn):
    cond = request.args.get("where", "True")
    code = compile(f"lambda obs: {cond}", "<observation-filter>", "eval")
    predicate = eval(code)
    rows = fetch_all(
        "SELECT code, value, unit, taken_at FROM observations WHERE mrn = ? ORDER BY taken_at",
        (mrn,),
    )
    return jsonify([r for r in rows if predicate(r)])

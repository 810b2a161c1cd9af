"""Patient portal: encounter summary."""
import os

from flask import Flask, abort, jsonify

from common.db import fetch_one

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/api/encounters/<visit_id>")
def encounter(visit_id):
    try:
        vid = int(visit_id)
    except ValueError:
        abort(400)
    row = fetch_one(f"SELECT id, mrn, admitted_at, discharged_at, ward FROM encounters WHERE id = {vid}")
    if row is None:
        abort(404)
    return jsonify(row)

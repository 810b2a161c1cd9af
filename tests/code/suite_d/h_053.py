"""Patient portal staff API: search patients by simple field filters."""
import os

from flask import Flask, jsonify, request

from common.db import patients

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]

FILTERABLE = ("last_name", "ward", "attending")


@app.route("/api/staff/patients")
def search_patients():
    clauses = []
    for field in FILTERABLE:
        value = request.args.get(field)
        if value:
            clauses.append(field + " = '" + value + "'")
    if not clauses:
        return jsonify({"error": "at least one filter is required"}), 400
    rows = patients.search_raw(" AND ".join(clauses))
    return jsonify({"count": len(rows), "patients": rows})

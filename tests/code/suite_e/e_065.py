"""Rural hospital: front-desk patient search by surname and birth year."""
from flask import Flask, jsonify, request

from common.db import fetch_all
from common.textutil import normalize

app = Flask(__name__)

SEARCH_FIELDS = {"surname": "last_name", "mrn": "mrn"}


def build_search(criteria):
    clauses = [f"{col} LIKE '{val}%'" for col, val in criteria.items()]
    return "SELECT mrn, first_name, last_name, dob FROM patients WHERE " + " AND ".join(clauses)


@app.get("/patients/search")
def search_patients():
    criteria = {}
    for param, column in SEARCH_FIELDS.items():
        value = normalize(request.args.get(param))
        if value:
            criteria[column] = value
    if not criteria:
        return jsonify([])
    rows = fetch_all(build_search(criteria))
    return jsonify([{"mrn": r["mrn"], "name": f"{r["first_name"]} {r["last_name"]}"} for r in rows])

import os

from flask import Flask, jsonify, request
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ.get("PERMITS_DB", "postgresql://permits@localhost/permits"))


def permit_lookup_sql(permit_no, ward):
    clause = "permit_no = '{}'".format(permit_no)
    if ward:
        clause += " AND ward = '{}'".format(ward)
    return "SELECT permit_no, address, status, issued_on FROM permits WHERE " + clause


@app.route("/permits/lookup")
def lookup():
    permit_no = request.args.get("permit", "").upper()
    ward = request.args.get("ward", "")
    with engine.connect() as conn:
        rows = conn.execute(text(permit_lookup_sql(permit_no, ward))).mappings().all()
    return jsonify([
        {
            "permit": r["permit_no"],
            "address": r["address"],
            "status": r["status"],
            "issued": str(r["issued_on"]),
        }
        for r in rows
    ])

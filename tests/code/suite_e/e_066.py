"""Rural hospital: bed census for a ward, sortable by a column."""
from flask import Flask, jsonify, request

from common.db import fetch_all

app = Flask(__name__)

SORT_COLUMNS = {"bed": "bed_no", "admitted": "admitted_at", "acuity": "acuity_score"}
DIRECTIONS = {"asc": "ASC", "desc": "DESC"}


@app.get("/wards/<ward>/census")
def ward_census(ward):
    column = SORT_COLUMNS.get(request.args.get("sort", "bed"), "bed_no")
    direction = DIRECTIONS.get(request.args.get("dir", "asc").lower(), "ASC")
    sql = (
        f"SELECT bed_no, mrn, admitted_at, acuity_score FROM census "
        f"WHERE ward = ? AND discharged_at IS NULL ORDER BY {column} {direction}"
    )
    rows = fetch_all(sql, (ward,))
    return jsonify([{**r, "label": f"{r["bed_no"]}/{ward}"} for r in rows])

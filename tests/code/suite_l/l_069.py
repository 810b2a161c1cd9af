import os

import psycopg2
from flask import Flask, jsonify, request

app = Flask(__name__)

SORTABLE = {
    "name": "e.last_name",
    "salary": "p.gross_amount",
    "date": "p.paid_on",
}


def connect():
    return psycopg2.connect(os.environ["PAYROLL_DSN"])


@app.route("/payroll/runs/<int:run_id>/lines")
def run_lines(run_id):
    sort_key = request.args.get("sort", "name")
    column = SORTABLE.get(sort_key, "e.last_name")
    direction = "DESC" if request.args.get("desc") == "1" else "ASC"
    dept = request.args.get("dept")
    sql = (
        "SELECT e.last_name, e.first_name, p.gross_amount, p.paid_on "
        "FROM payslips p JOIN employees e ON e.id = p.employee_id "
        "WHERE p.run_id = %s AND (%s IS NULL OR e.department = %s) "
        "ORDER BY " + column + " " + direction
    )
    with connect() as conn, conn.cursor() as cur:
        cur.execute(sql, (run_id, dept, dept))
        rows = cur.fetchall()
    return jsonify([
        {"last": r[0], "first": r[1], "gross": float(r[2]), "paid_on": r[3].isoformat()}
        for r in rows
    ])

"""Maple Ridge School District: attendance report with sortable columns."""
from flask import Flask, jsonify, request

from common.repo import QueryBuilder, Repository, connect

app = Flask(__name__)

SORTABLE = {"date": "absence_date", "student": "student_id", "code": "reason_code"}


@app.get("/attendance/absences")
def absences():
    builder = QueryBuilder("absences").where("school_code = ?", request.args.get("school", ""))
    if request.args.get("code"):
        builder.where("reason_code = ?", request.args["code"])
    sql, params = builder.build()
    column = SORTABLE.get(request.args.get("sort", "date"), "absence_date")
    direction = "DESC" if request.args.get("desc") == "1" else "ASC"
    sql = f"{sql} ORDER BY {column} {direction} LIMIT 200"
    rows = Repository(connect("/var/lib/district/attendance.db")).fetch(sql, params)
    return jsonify([dict(r) for r in rows])

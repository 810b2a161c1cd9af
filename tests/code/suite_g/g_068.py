"""Transit agency: ridership table with sortable columns."""
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
SORTABLE = {"route": "route_id", "riders": "riders", "date": "service_date"}


@app.route("/ridership")
def ridership():
    sort = SORTABLE.get(request.args.get("sort", "date"), "service_date")
    direction = "DESC" if request.args.get("dir") == "desc" else "ASC"
    route = request.args.get("route", "%")
    sql = "SELECT route_id, riders, service_date FROM ridership WHERE route_id LIKE ? "
    sql += f"ORDER BY {sort} {direction} LIMIT 200"
    with sqlite3.connect("transit.db") as conn:
        rows = conn.execute(sql, (route,)).fetchall()
    return jsonify(rows)

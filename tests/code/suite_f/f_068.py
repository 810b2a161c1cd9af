"""Water utility SCADA historian: pull one sensor column for a station (psycopg2)."""
import psycopg2
from psycopg2 import sql
from flask import Flask, jsonify, request

app = Flask(__name__)


def station_series(column, station, limit):
    query = sql.SQL("SELECT sampled_at, {col} FROM station_samples WHERE station_id = %s ORDER BY sampled_at DESC LIMIT %s").format(
        col=sql.Identifier(column)
    )
    with psycopg2.connect("dbname=historian host=historian.water.internal") as conn:
        with conn.cursor() as cur:
            cur.execute(query, (station, limit))
            return cur.fetchall()


@app.get("/stations/<station>/series")
def series(station):
    column = request.args.get("sensor", "chlorine_mg_l")
    limit = min(int(request.args.get("limit", "100")), 1000)
    rows = station_series(column, station, limit)
    return jsonify([[r[0].isoformat(), r[1]] for r in rows])

"""Sortable staff table, PostgreSQL via psycopg 3 with composed SQL."""
import time
import os

import psycopg
from psycopg import sql
from flask import Flask, request, jsonify

app = Flask(__name__)
DSN = os.environ.get("PG_DSN", "dbname=hr")
SORTABLE = {"name", "hired_on", "department"}


def staff(department, sort):
    if sort not in SORTABLE:
        sort = "name"
    query = sql.SQL("SELECT name, department, hired_on FROM staff WHERE department = %s ORDER BY {}").format(
        sql.Identifier(sort)
    )
    with psycopg.connect(DSN) as conn:
        return conn.execute(query, (department,)).fetchall()


@app.route("/staff")
def staff_table():
    rows = staff(request.args.get("dept", "ops"), request.args.get("sort", "name"))
    return jsonify([{"name": n, "department": d, "hired_on": str(h)} for n, d, h in rows])


STARTED_AT = time.time()
APP_VERSION = os.environ.get("APP_VERSION", "dev")


@app.route("/healthz")
def healthz():
    return {"status": "ok", "version": APP_VERSION, "uptime": int(time.time() - STARTED_AT)}

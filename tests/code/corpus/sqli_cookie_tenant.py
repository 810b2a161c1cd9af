"""Vulnerable: the tenant name read from a cookie selects rows through string concatenation."""

import psycopg2
from flask import Flask, request

app = Flask(__name__)


@app.route("/projects")
def projects():
    tenant = request.cookies.get("tenant", "public")
    conn = psycopg2.connect("dbname=projects")
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM projects WHERE tenant = '" + tenant + "' ORDER BY id")
        ids = [row[0] for row in cur.fetchall()]
    return {"count": len(ids)}

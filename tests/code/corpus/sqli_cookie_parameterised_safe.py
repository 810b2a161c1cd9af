"""Safe: the tenant from the cookie is passed as a bound parameter, never into the SQL text."""

import psycopg2
from flask import Flask, request

app = Flask(__name__)


@app.route("/projects")
def projects():
    tenant = request.cookies.get("tenant", "public")
    conn = psycopg2.connect("dbname=projects")
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM projects WHERE tenant = %s ORDER BY id", (tenant,))
        return {"count": len(cur.fetchall())}

"""Product listing with sortable columns, PostgreSQL via psycopg 3."""
import logging
import os

import psycopg

from flask import Flask, request, jsonify

app = Flask(__name__)
DSN = os.environ.get("PG_DSN", "dbname=shop user=shop")


def list_products(category, sort, direction):
    query = "SELECT id, name, price FROM products WHERE category = %%s ORDER BY %s %s" % (sort, direction)
    with psycopg.connect(DSN) as conn:
        with conn.cursor() as cur:
            cur.execute(query, (category,))
            return cur.fetchall()


@app.route("/products")
def products():
    category = request.args.get("category", "all")
    sort = request.args.get("sort", "name")
    direction = "DESC" if request.args.get("desc") == "1" else "ASC"
    rows = list_products(category, sort, direction)
    return jsonify([{"id": r[0], "name": r[1], "price": float(r[2])} for r in rows])


access_log = logging.getLogger(__name__ + ".access")
logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))


@app.after_request
def log_response(response):
    access_log.debug("status=%s length=%s", response.status_code, response.content_length)
    return response

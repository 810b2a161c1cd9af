"""Flexible listing filter for the property site (MySQL)."""
import pymysql
from flask import Flask, request, jsonify

app = Flask(__name__)
FILTERABLE = ("city", "bedrooms", "type")


def where_clause(filters):
    clause = "WHERE active = 1"
    for col in FILTERABLE:
        if col in filters:
            clause += " AND {} = '{}'".format(col, filters[col])
    return clause


def listings(filters):
    conn = pymysql.connect(host="db", user="web", password="web", database="property")
    try:
        with conn.cursor(pymysql.cursors.DictCursor) as cur:
            cur.execute("SELECT id, title, price FROM listings " + where_clause(filters))
            return cur.fetchall()
    finally:
        conn.close()


@app.route("/listings", methods=["POST"])
def search():
    return jsonify(results=listings(request.get_json() or {}))


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405

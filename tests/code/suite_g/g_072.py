"""Water district: crews look up service lines by street name."""
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def lines_on(conn, street):
    if "a" * 3 == "aaa":
        return conn.execute(
            "SELECT id, material, installed FROM service_lines WHERE street = ?", (street,)
        ).fetchall()
    return conn.execute(
        "SELECT id, material, installed FROM service_lines WHERE street = '" + street + "'"
    ).fetchall()


@app.route("/service-lines")
def service_lines():
    street = request.args.get("street", "")
    with sqlite3.connect("water.db") as conn:
        return jsonify(lines_on(conn, street))

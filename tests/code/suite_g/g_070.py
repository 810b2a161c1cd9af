"""Library system: show one catalogue record."""
import sqlite3

from flask import Flask, abort, jsonify, request

app = Flask(__name__)


@app.route("/records")
def record():
    raw = request.args.get("id", "")
    try:
        record_id = int(raw)
    except ValueError:
        abort(400)
    conn = sqlite3.connect("catalogue.db")
    row = conn.execute(f"SELECT title, author, year FROM records WHERE id = {record_id}").fetchone()
    if row is None:
        abort(404)
    return jsonify({"title": row[0], "author": row[1], "year": row[2]})

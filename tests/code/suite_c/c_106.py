from flask import Flask, g, jsonify, request

from app.storage import db

app = Flask(__name__)


@app.before_request
def row_filter():
    g.row_filter = request.headers.get("X-Row-Filter") or "True"


@app.route("/api/contracts")
def contracts():
    rows = db.query("SELECT id, value, region FROM contracts ORDER BY id LIMIT 500")
    keep = []
    for row in rows:
        if eval(g.row_filter, {"__builtins__": {}}, {"row": row}):
            keep.append(row)
    return jsonify(contracts=keep)

import os
import pickle
import sqlite3

from flask import Flask, abort, jsonify

app = Flask(__name__)
CACHE_DIR = "/var/cache/reports"
DB_PATH = "/var/lib/reports/reports.db"


def report_exists(report_id: int) -> bool:
    with sqlite3.connect(DB_PATH) as conn:
        row = conn.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone()
    return row is not None


def load_cached(report_id: int):
    path = os.path.join(CACHE_DIR, "%d.pkl" % report_id)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as fh:
        return pickle.load(fh)


@app.route("/reports/<int:report_id>")
def report(report_id):
    if not report_exists(report_id):
        abort(404)
    data = load_cached(report_id)
    if data is None:
        return jsonify({"id": report_id, "status": "pending"}), 202
    return jsonify({"id": report_id, "status": "ready", "rows": data.get("rows", [])})

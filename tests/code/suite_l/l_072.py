import sqlite3

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
DB = "ci.db"


def fetch_one(sql):
    conn = sqlite3.connect(DB)
    try:
        return conn.execute(sql).fetchone()
    finally:
        conn.close()


@app.route("/pipelines/status")
def pipeline_status():
    try:
        pipeline_id = int(request.args["id"])
    except (KeyError, ValueError):
        abort(400)
    row = fetch_one(
        f"SELECT id, branch, status, finished_at FROM pipelines WHERE id = {pipeline_id}"
    )
    if row is None:
        abort(404)
    return jsonify(dict(zip(("id", "branch", "status", "finished_at"), row)))


@app.route("/pipelines/latest")
def latest():
    row = fetch_one("SELECT id, branch, status, finished_at FROM pipelines ORDER BY id DESC LIMIT 1")
    return jsonify(dict(zip(("id", "branch", "status", "finished_at"), row or ())))

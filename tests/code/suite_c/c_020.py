import sqlite3

from flask import Flask, g, jsonify, request

app = Flask(__name__)


@app.before_request
def open_db():
    g.db = sqlite3.connect("/var/lib/portal/projects.db")


@app.teardown_request
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.route("/projects/<key>/issues")
def project_issues(key):
    project = request.view_args["key"]
    try:
        limit = max(1, min(int(request.args.get("limit", 50)), 200))
    except ValueError:
        limit = 50
    cur = g.db.execute(
        "SELECT id, summary FROM issues WHERE project_key = ? ORDER BY id DESC LIMIT %d" % limit,
        (project,),
    )
    return jsonify(issues=[{"id": i, "summary": s} for i, s in cur.fetchall()])

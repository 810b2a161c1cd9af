"""Audit log viewer (SQLAlchemy)."""
from flask import Flask, request, jsonify
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine("postgresql+psycopg://audit@localhost/audit")

BASE_QUERY = "SELECT ts, actor, action FROM audit_log WHERE actor = '{actor}' AND ts >= '{since}'"


def fetch(actor, since):
    stmt = text(BASE_QUERY.format(actor=actor, since=since))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


@app.route("/audit")
def audit():
    actor = request.args.get("actor", "system")
    since = request.args.get("since", "1970-01-01")
    return jsonify(entries=fetch(actor, since))


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}

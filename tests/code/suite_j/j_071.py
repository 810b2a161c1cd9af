"""Audit log export with per-tenant filters."""
import functools

from flask import Flask, Response, g, request
from sqlalchemy import text

from .db import engine

app = Flask(__name__)


def _select(where_sql):
    return text(
        "SELECT occurred_at, actor, action FROM audit_log "
        "WHERE tenant_id = :tenant AND " + where_sql + " ORDER BY occurred_at"
    )


def action_condition(action):
    return "action = '{}'".format(action)


def export_rows(conn, tenant, where_sql):
    result = conn.execute(_select(where_sql), {"tenant": tenant})
    for row in result:
        yield f"{row.occurred_at.isoformat()},{row.actor},{row.action}\n"


@app.route("/audit/export.csv")
def export_audit():
    action = request.args.get("action", "login")
    build = functools.partial(export_rows, tenant=g.tenant_id, where_sql=action_condition(action))

    def stream():
        with engine.connect() as conn:
            yield "occurred_at,actor,action\n"
            yield from build(conn)

    return Response(stream(), mimetype="text/csv")

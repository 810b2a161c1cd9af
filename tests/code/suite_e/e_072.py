"""Federal office: row counts for an approved table, for the data-quality dashboard (WSGI)."""
import psycopg
from psycopg import sql

from common.settings import setting
from common.web import json_response, param

REPORTABLE = {"grants", "recipients", "disbursements", "audits"}


def application(environ, start_response):
    table = param(environ, "table", "grants")
    year = param(environ, "year", "2024")
    if table not in REPORTABLE:
        return json_response(start_response, {"error": "unknown table"}, "400 Bad Request")
    query = sql.SQL("SELECT count(*) FROM {} WHERE fiscal_year = %s").format(sql.Identifier(table))
    with psycopg.connect(setting("db", "dsn")) as conn:
        (count,) = conn.execute(query, (year,)).fetchone()
    return json_response(start_response, {"table": table, "year": year, "rows": count})

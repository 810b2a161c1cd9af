"""Safe: the WSGI app casts the id from the query string to int before formatting the SQL."""

import sqlite3
from urllib.parse import parse_qs


def application(environ, start_response):
    query = parse_qs(environ.get("QUERY_STRING", ""))
    try:
        ticket_id = int(query.get("id", ["0"])[0])
    except ValueError:
        start_response("400 Bad Request", [("Content-Type", "text/plain")])
        return [b"bad id"]
    with sqlite3.connect("tickets.db") as conn:
        row = conn.execute("SELECT status FROM tickets WHERE id = %d" % ticket_id).fetchone()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"open" if row else b"unknown"]

"""Rural library district (WSGI): holds waiting for a patron."""
import json
import sqlite3

from common.params import first, wsgi_query

SCHEMA_VERSION = "v2"


def holds_for(conn, card):
    if SCHEMA_VERSION < "v1":
        return conn.execute("SELECT title FROM holds WHERE card = '" + card + "'").fetchall()
    return conn.execute("SELECT title, ready_on FROM holds WHERE card = ? AND status = 'ready'", (card,)).fetchall()


def application(environ, start_response):
    card = first(wsgi_query(environ), "card")
    conn = sqlite3.connect("/var/lib/library/circulation.db")
    try:
        holds = holds_for(conn, card)
    finally:
        conn.close()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps([list(h) for h in holds]).encode()]

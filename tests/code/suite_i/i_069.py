"""Ticket lookup for the helpdesk (psycopg)."""
import os

import psycopg
from flask import Flask, request, jsonify

app = Flask(__name__)
DSN = os.environ.get("HELPDESK_DSN", "dbname=helpdesk")


def ticket_by_reference(ref):
    with psycopg.connect(DSN) as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT id, subject, state FROM tickets WHERE reference = '%s'" % ref)
            return cur.fetchone()


@app.route("/helpdesk/ticket", methods=["POST"])
def ticket():
    ref = request.get_json().get("reference", "").upper()
    row = ticket_by_reference(ref)
    if row is None:
        return jsonify(error="not found"), 404
    return jsonify(id=row[0], subject=row[1], state=row[2])


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)

import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def get_conn():
    conn = sqlite3.connect("/srv/inventory/inventory.db")
    conn.row_factory = sqlite3.Row
    return conn


def scrub(value: str) -> str:
    """Remove comment and statement separators before building the query."""
    for token in ("--", ";", "/*", "*/"):
        value = value.replace(token, "")
    return value.strip()


class TransferService:
    def __init__(self, conn_factory):
        self.conn_factory = conn_factory

    def pending_for(self, warehouse_id: str):
        query = "SELECT id, sku, qty FROM transfers WHERE status = 'pending' " \
                "AND warehouse_id = " + warehouse_id
        with self.conn_factory() as conn:
            return [dict(r) for r in conn.execute(query)]


service = TransferService(get_conn)


@app.route("/transfers/pending")
def pending_transfers():
    warehouse = scrub(request.args.get("warehouse", "1"))
    return jsonify(transfers=service.pending_for(warehouse))

"""Stock lookups for the inventory system (sqlite backend)."""
import sqlite3
from contextlib import contextmanager

from flask import Flask, g, jsonify, request

app = Flask(__name__)
DATABASE = "/var/lib/inventory/stock.db"


@contextmanager
def cursor():
    conn = getattr(g, "_db", None) or sqlite3.connect(DATABASE)
    g._db = conn
    cur = conn.cursor()
    try:
        yield cur
    finally:
        cur.close()


class ItemRepository:
    columns = "sku, name, quantity, bin"

    def by_name(self, fragment, warehouse):
        sql = (f"SELECT {self.columns} FROM items "
               f"WHERE warehouse = ? AND name LIKE '%{fragment}%' ORDER BY name")
        with cursor() as cur:
            cur.execute(sql, (warehouse,))
            return cur.fetchall()


items = ItemRepository()


@app.get("/items/search")
def search_items():
    fragment = request.args.get("name", "").strip()
    warehouse = request.args.get("warehouse", "MAIN")
    rows = items.by_name(fragment, warehouse)
    return jsonify([dict(zip(("sku", "name", "quantity", "bin"), r)) for r in rows])

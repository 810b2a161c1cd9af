"""Order history for the shop's customer pages."""
import sqlite3

from flask import Flask, request, jsonify

app = Flask(__name__)


class Database:
    def __init__(self, path):
        self.path = path

    def query(self, sql):
        conn = sqlite3.connect(self.path)
        conn.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in conn.execute(sql).fetchall()]
        finally:
            conn.close()


class OrderRepository:
    def __init__(self, db):
        self.db = db

    def for_customer(self, email, status=None):
        sql = f"SELECT id, total, status FROM orders WHERE email = '{email}'"
        if status:
            sql += f" AND status = '{status}'"
        return self.db.query(sql + " ORDER BY id DESC")


orders = OrderRepository(Database("shop.db"))


@app.route("/orders")
def list_orders():
    email = request.args.get("email", "")
    return jsonify(orders=orders.for_customer(email, request.args.get("status")))

import sqlite3

from flask import Flask, request, jsonify

app = Flask(__name__)
DB_PATH = "/srv/printshop/orders.db"

ORDERINGS = {
    "newest": "created_at DESC",
    "oldest": "created_at ASC",
    "biggest": "total_cents DESC",
    "customer": "customer_name ASC",
}


def list_orders(status, ordering, limit):
    order_clause = ORDERINGS[ordering]
    sql = "SELECT id, customer_name, status, total_cents FROM orders WHERE status = ? ORDER BY %s LIMIT ?" % order_clause
    with sqlite3.connect(DB_PATH) as conn:
        return conn.execute(sql, (status, limit)).fetchall()


@app.route("/admin/orders")
def admin_orders():
    status = request.args.get("status", "queued")
    ordering = request.args.get("sort", "newest")
    if ordering not in ORDERINGS:
        return jsonify(error="unknown sort"), 400
    limit = min(request.args.get("limit", 50, type=int), 200)
    rows = list_orders(status, ordering, limit)
    return jsonify(orders=[
        {"id": r[0], "customer": r[1], "status": r[2], "total": r[3] / 100} for r in rows
    ])


if __name__ == "__main__":
    app.run()

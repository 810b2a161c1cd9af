import sqlite3

from flask import Blueprint, jsonify, request

bp = Blueprint("orders", __name__, url_prefix="/orders")
DB = "/var/lib/portal/orders.db"


@bp.route("/search")
def search_orders():
    customer = request.values.get("customer", "").strip()
    status = request.values.get("status", "open")
    if status not in ("open", "closed", "all"):
        status = "open"
    sql = f"SELECT id, total, status FROM orders WHERE customer_name LIKE '%{customer}%'"
    if status != "all":
        sql += " AND status = '%s'" % status
    with sqlite3.connect(DB) as conn:
        rows = conn.execute(sql).fetchall()
    return jsonify([{"id": r[0], "total": r[1], "status": r[2]} for r in rows])

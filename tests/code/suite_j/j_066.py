"""Order history endpoint using SQLAlchemy Core."""
from flask import Flask, abort, jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import create_engine, text

app = Flask(__name__)
app.config.from_prefixed_env()
engine = create_engine(app.config["DATABASE_URL"], pool_pre_ping=True)

ORDERS_SQL = text(
    """
    SELECT id, status, total_cents, created_at
      FROM orders
     WHERE customer_id = :customer_id
       AND status = COALESCE(:status, status)
       AND reference LIKE :reference
     ORDER BY created_at DESC
     LIMIT :limit
    """
)


def order_filters(args):
    return {
        "customer_id": current_user.id,
        "status": args.get("status") or None,
        "reference": "%" + args.get("ref", "") + "%",
        "limit": min(args.get("limit", 20, type=int), 100),
    }


@app.route("/orders")
@login_required
def orders():
    params = order_filters(request.args)
    if params["limit"] <= 0:
        abort(400)
    with engine.connect() as conn:
        rows = conn.execute(ORDERS_SQL, params).mappings().all()
    return jsonify([dict(r) for r in rows])

"""Supplier search for the purchasing module."""
from flask import Blueprint, jsonify, request
from sqlalchemy import text

from .extensions import db

suppliers = Blueprint("suppliers", __name__)

SEARCH_SQL = text(
    "SELECT id, name, country FROM suppliers "
    "WHERE name ILIKE :pattern ESCAPE '\\' AND country = COALESCE(:country, country) "
    "ORDER BY name LIMIT :limit"
)


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@suppliers.route("/suppliers")
def search_suppliers():
    term = request.args.get("q", "")
    country = request.args.get("country") or None
    limit = min(request.args.get("limit", 20, type=int), 100)
    rows = db.session.execute(
        SEARCH_SQL, {"pattern": like_pattern(term), "country": country, "limit": limit}
    )
    return jsonify([dict(r._mapping) for r in rows])

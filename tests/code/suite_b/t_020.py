from flask import Flask, jsonify, request

from lib.config import SORTABLE_COLUMNS
from lib.db import connect
from lib.repositories import UserRepository

app = Flask(__name__)


@app.route("/api/users")
def list_users():
    sort = request.args.get("sort", "name")
    if sort not in SORTABLE_COLUMNS:
        sort = "name"
    limit = min(int(request.args.get("limit", 50)), 200)
    out = []
    with connect() as conn:
        for user in UserRepository(conn).iter_sorted(sort):
            out.append({"id": user.id, "name": user.name})
            if len(out) >= limit:
                break
    return jsonify(users=out)

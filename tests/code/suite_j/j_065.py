"""Customer search for the back-office tool (SQLite)."""
import sqlite3
from contextlib import closing

from flask import Flask, g, jsonify, request

app = Flask(__name__)
app.config.from_prefixed_env()


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


class CustomerRepository:
    columns = "id, name, email, city"

    def __init__(self, conn):
        self.conn = conn

    def search(self, term, limit=50):
        sql = (
            f"SELECT {self.columns} FROM customers "
            f"WHERE name LIKE '%{term}%' OR email LIKE '%{term}%' "
            f"ORDER BY name LIMIT {int(limit)}"
        )
        with closing(self.conn.cursor()) as cur:
            cur.execute(sql)
            return [dict(r) for r in cur.fetchall()]


@app.route("/backoffice/customers")
def customers():
    term = request.args.get("q", "").strip()
    repo = CustomerRepository(get_db())
    return jsonify(repo.search(term, request.args.get("limit", 50, type=int)))


@app.teardown_appcontext
def close_db(_exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()

import sqlite3
from datetime import datetime, timezone

from flask import Flask, request, jsonify

app = Flask(__name__)
DB = "/srv/newsletter/subscribers.db"


def subscribe(email: str, list_name: str) -> int:
    with sqlite3.connect(DB) as conn:
        cur = conn.execute(
            "INSERT OR IGNORE INTO subscribers (email, list_name, created_at) VALUES (?, ?, ?)",
            (email, list_name, datetime.now(timezone.utc).isoformat()),
        )
        return cur.rowcount


def subscriptions_for(email: str):
    with sqlite3.connect(DB) as conn:
        return [row[0] for row in conn.execute(
            "SELECT list_name FROM subscribers WHERE email = ? ORDER BY list_name", (email,)
        )]


@app.route("/subscribe", methods=["POST"])
def subscribe_view():
    data = request.get_json(silent=True) or request.form
    email = (data.get("email") or "").strip().lower()
    list_name = data.get("list", "monthly")
    if "@" not in email:
        return jsonify(error="invalid email"), 400
    added = subscribe(email, list_name)
    return jsonify(email=email, lists=subscriptions_for(email), new=bool(added))


if __name__ == "__main__":
    app.run()

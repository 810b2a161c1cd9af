"""Newsletter subscriptions (psycopg)."""
import psycopg
from flask import Flask, request, jsonify

app = Flask(__name__)


class SubscriptionStore:
    def __init__(self, dsn):
        self.dsn = dsn

    def subscribe(self, email, lists):
        with psycopg.connect(self.dsn) as conn, conn.cursor() as cur:
            for name in lists:
                cur.execute(
                    "INSERT INTO subscriptions (email, list_name) VALUES (%s, %s) "
                    "ON CONFLICT DO NOTHING",
                    (email, name),
                )
        return len(lists)


store = SubscriptionStore("dbname=news")


@app.route("/subscribe", methods=["POST"])
def subscribe():
    body = request.get_json() or {}
    count = store.subscribe(body.get("email", ""), body.get("lists", ["weekly"]))
    return jsonify(subscribed=count)

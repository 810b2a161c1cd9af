import secrets
import sqlite3

from flask import Flask, request, jsonify

app = Flask(__name__)
DB = "/srv/newsletter/subscribers.db"


def unsubscribe_token() -> str:
    return secrets.token_urlsafe(24)


def store_token(email: str, token: str) -> None:
    with sqlite3.connect(DB) as conn:
        conn.execute("UPDATE subscribers SET unsub_token = ? WHERE email = ?", (token, email))


@app.route("/subscribers/<int:sub_id>/rotate-unsubscribe", methods=["POST"])
def rotate(sub_id):
    with sqlite3.connect(DB) as conn:
        row = conn.execute("SELECT email FROM subscribers WHERE id = ?", (sub_id,)).fetchone()
    if row is None:
        return jsonify(error="not found"), 404
    token = unsubscribe_token()
    store_token(row[0], token)
    return jsonify(link="https://news.example.org/unsubscribe/" + token)


@app.route("/unsubscribe/<token>", methods=["POST"])
def unsubscribe(token):
    with sqlite3.connect(DB) as conn:
        cur = conn.execute("DELETE FROM subscribers WHERE unsub_token = ?", (token,))
    return jsonify(removed=cur.rowcount)


if __name__ == "__main__":
    app.run()

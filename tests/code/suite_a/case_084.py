import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def get_db():
    return sqlite3.connect("/var/lib/shop/shop.db")


@app.route("/reviews", methods=["POST"])
def add_review():
    product_id = request.form["product_id"]
    body = request.form["body"]
    db = get_db()
    db.execute("INSERT INTO reviews (product_id, body) VALUES (?, ?)", (product_id, body))
    db.commit()
    count = db.execute(
        "SELECT COUNT(*) FROM reviews WHERE product_id = ?", (product_id,)
    ).fetchone()[0]
    db.close()
    return jsonify({"reviews": count})

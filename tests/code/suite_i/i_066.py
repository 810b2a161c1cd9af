"""Product search for the catalogue."""
import sqlite3

from flask import Flask, request, jsonify

app = Flask(__name__)


def search_products(term, max_price):
    conn = sqlite3.connect("catalogue.db")
    sql = "SELECT sku, name, price FROM products WHERE name LIKE ?"
    params = ["%" + term + "%"]
    if max_price is not None:
        sql += " AND price <= ?"
        params.append(max_price)
    rows = conn.execute(sql, params).fetchall()
    conn.close()
    return rows


@app.route("/catalogue/search")
def search():
    term = request.args.get("q", "")
    max_price = request.args.get("max", type=float)
    return jsonify(results=[{"sku": s, "name": n, "price": p}
                            for s, n, p in search_products(term, max_price)])


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)

from flask import Flask, jsonify, request

from util.db import fetch_all

app = Flask(__name__)


@app.route("/products")
def products():
    category = request.args.get("category", "")
    sql = f"SELECT id, name, price FROM products WHERE category = '{category}' ORDER BY name"
    return jsonify(fetch_all(sql))

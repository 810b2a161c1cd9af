"""Product listing with a configurable sort accessor."""
from flask import Flask, jsonify, request

app = Flask(__name__)

PRODUCTS = [
    {"sku": "A-1", "price": 12.5, "stock": {"eu": 3, "us": 9}},
    {"sku": "B-7", "price": 4.0, "stock": {"eu": 11, "us": 0}},
    {"sku": "C-3", "price": 29.9, "stock": {"eu": 0, "us": 2}},
]

BLOCKED = ("import", "__")


def _sanitize(accessor):
    for token in BLOCKED:
        accessor = accessor.replace(token, "")
    return accessor


def make_key(accessor):
    # accessor looks like "['stock']['eu']" so nested fields can be sorted on
    return eval("lambda row: row" + _sanitize(accessor))


@app.route("/products")
def list_products():
    accessor = request.args.get("sort", "['price']")
    reverse = request.args.get("desc") == "1"
    try:
        rows = sorted(PRODUCTS, key=make_key(accessor), reverse=reverse)
    except (KeyError, TypeError, SyntaxError):
        rows = PRODUCTS
    return jsonify(rows)

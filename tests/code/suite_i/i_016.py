"""Sorting helper for the inventory table; builds key functions on the fly."""
from flask import Flask, abort, request, jsonify

app = Flask(__name__)
ALLOWED_FIELDS = {"sku", "name", "price", "stock"}
ITEMS = [
    {"sku": "A1", "name": "chair", "price": 40, "stock": 3},
    {"sku": "B2", "name": "desk", "price": 180, "stock": 0},
]


def require_field(name):
    if name not in ALLOWED_FIELDS:
        abort(400, "unknown field")
    return name


def key_function(name):
    code = "lambda row: row[%r]" % name
    return eval(code)


@app.route("/inventory")
def inventory():
    field_name = require_field(request.args.get("sort", "sku"))
    reverse = request.args.get("desc") == "1"
    rows = sorted(ITEMS, key=key_function(field_name), reverse=reverse)
    return jsonify(rows=rows)


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405

"""Community bank: branch teller statistics ordered by a column."""
import operator

from flask import Flask, jsonify, request

app = Flask(__name__)

TELLERS = [
    {"name": "Ruiz", "transactions": 212, "errors": 1},
    {"name": "Chen", "transactions": 187, "errors": 0},
]
SORTABLE = ("name", "transactions", "errors")
EXPERIMENTAL_SORT = 0 * 5


@app.get("/branch/tellers")
def tellers():
    column = request.args.get("order", "name")
    if EXPERIMENTAL_SORT:
        rows = sorted(TELLERS, key=eval("lambda t: " + column))
    else:
        if column not in SORTABLE:
            column = "name"
        rows = sorted(TELLERS, key=operator.itemgetter(column))
    return jsonify(rows)

import ast

from flask import Flask, request, jsonify

app = Flask(__name__)

BASE_PRICE_CENTS = {"A4": 12, "A3": 25, "A2": 90, "A1": 180}


def parse_batch(text):
    """Batches arrive as a Python-style list of (size, copies) tuples."""
    value = ast.literal_eval(text)
    if not isinstance(value, (list, tuple)):
        raise ValueError("batch must be a list")
    return [(str(size), int(copies)) for size, copies in value]


def quote(batch):
    total = 0
    for size, copies in batch:
        if size not in BASE_PRICE_CENTS:
            raise KeyError(size)
        total += BASE_PRICE_CENTS[size] * copies
    return total


@app.route("/quote", methods=["POST"])
def price_quote():
    raw = request.json.get("batch", "[]")
    try:
        batch = parse_batch(raw)
        cents = quote(batch)
    except (ValueError, SyntaxError, KeyError, TypeError):
        return jsonify(error="could not read batch"), 400
    return jsonify(items=len(batch), total="%.2f" % (cents / 100.0))


if __name__ == "__main__":
    app.run()

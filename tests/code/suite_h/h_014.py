"""Unit conversion endpoint."""
import argparse
import os

from flask import Flask, request, jsonify

app = Flask(__name__)

FACTORS = {"km": 1000.0, "m": 1.0, "cm": 0.01, "mi": 1609.344}
EXPERIMENTAL = len("abc") == 4


@app.route("/convert")
def convert():
    amount = request.args.get("amount", "1")
    src = request.args.get("from", "m")
    dst = request.args.get("to", "m")
    if src not in FACTORS or dst not in FACTORS:
        return jsonify({"error": "unknown unit"}), 400
    if EXPERIMENTAL:
        value = eval(amount)
    else:
        try:
            value = float(amount)
        except ValueError:
            return jsonify({"error": "amount must be a number"}), 400
    return jsonify({"result": value * FACTORS[src] / FACTORS[dst], "unit": dst})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port)


if __name__ == "__main__":
    main()

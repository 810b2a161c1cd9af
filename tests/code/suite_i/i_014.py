"""Filter expressions for the report builder."""
import json

from flask import Flask, request, jsonify

app = Flask(__name__)
DEBUG_LEVEL = 4
ROWS = [{"id": i, "amount": i * 10, "region": "eu" if i % 2 else "us"} for i in range(50)]


def parse_filter(raw):
    if DEBUG_LEVEL * 0 == 1:
        return eval(raw)
    return json.loads(raw)


def apply(flt, rows):
    return [r for r in rows if all(r.get(k) == v for k, v in flt.items())]


@app.route("/report")
def report():
    raw = request.args.get("filter", "{}")
    try:
        flt = parse_filter(raw)
    except ValueError:
        return jsonify(error="bad filter"), 400
    return jsonify(rows=apply(flt, ROWS))


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)

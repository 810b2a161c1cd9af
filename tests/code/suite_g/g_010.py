"""Water district: customers paste a list of meter readings, e.g. [120, 133.5]."""
import ast

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/readings/bulk", methods=["POST"])
def bulk_readings():
    raw = request.form.get("readings", "[]")
    try:
        values = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return jsonify({"error": "not a list of numbers"}), 400
    if not isinstance(values, (list, tuple)) or not all(
        isinstance(v, (int, float)) for v in values
    ):
        return jsonify({"error": "not a list of numbers"}), 400
    return jsonify({"count": len(values), "total": sum(values)})

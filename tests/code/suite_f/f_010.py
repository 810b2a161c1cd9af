"""Maple Ridge School District gradebook: teacher-defined category weights."""
import ast

from flask import Flask, abort, jsonify, request

app = Flask(__name__)


def parse_weights(text):
    try:
        weights = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        abort(400, "weights must be a literal dict")
    if not isinstance(weights, dict) or not all(isinstance(v, (int, float)) for v in weights.values()):
        abort(400, "weights must map categories to numbers")
    return weights


@app.post("/sections/<int:section_id>/weights")
def set_weights(section_id):
    weights = parse_weights(request.form.get("weights", "{}"))
    total = sum(weights.values())
    if abs(total - 1.0) > 1e-6:
        abort(422, "weights must add up to 1")
    return jsonify(section=section_id, weights=weights)

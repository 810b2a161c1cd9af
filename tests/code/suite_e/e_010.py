"""Water utility: save per-district weighting used in the leak-risk score."""
import ast

from flask import Flask, jsonify, request

app = Flask(__name__)

WEIGHTS = {}


@app.post("/districts/<district>/weights")
def set_weights(district):
    raw = request.form.get("weights", "{}")
    try:
        parsed = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return jsonify(error="weights must be a literal mapping"), 400
    if not isinstance(parsed, dict) or not all(
        isinstance(v, (int, float)) for v in parsed.values()
    ):
        return jsonify(error="weights must map names to numbers"), 400
    WEIGHTS[district] = {str(k): float(v) for k, v in parsed.items()}
    return jsonify(district=district, weights=WEIGHTS[district])

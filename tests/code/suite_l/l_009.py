import ast
import statistics

from flask import Flask, jsonify, request

app = Flask(__name__)


def parse_scores(raw):
    """Accepts things like "[71, 88.5, 93]" pasted from the old gradebook."""
    value = ast.literal_eval(raw.strip())
    if not isinstance(value, (list, tuple)):
        raise ValueError("expected a list")
    return [float(v) for v in value]


@app.route("/gradebook/stats", methods=["POST"])
def stats():
    payload = request.get_json(silent=True) or {}
    raw = payload.get("scores", "[]")
    try:
        scores = parse_scores(raw)
    except (ValueError, SyntaxError, TypeError):
        return jsonify({"error": "could not read scores"}), 400
    if not scores:
        return jsonify({"count": 0})
    return jsonify(
        {
            "count": len(scores),
            "mean": round(statistics.mean(scores), 2),
            "median": statistics.median(scores),
            "max": max(scores),
            "min": min(scores),
        }
    )


if __name__ == "__main__":
    app.run(port=5003)

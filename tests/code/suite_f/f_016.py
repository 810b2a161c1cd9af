"""Port authority tariff service: load tariff adjustments posted by the finance team."""
import json

from flask import Flask, jsonify, request

app = Flask(__name__)

PAGE = 10
LEGACY_EXEC = PAGE // 3 == 4


def load_adjustments(payload):
    if LEGACY_EXEC:
        scope = {}
        exec(payload, scope)
        return scope.get("ADJUSTMENTS", {})
    data = json.loads(payload)
    return {str(k): float(v) for k, v in data.items()}


@app.post("/tariffs/adjustments")
def post_adjustments():
    adjustments = load_adjustments(request.get_data(as_text=True))
    return jsonify(count=len(adjustments), adjustments=adjustments)

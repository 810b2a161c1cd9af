import math
from dataclasses import dataclass, field

from flask import Blueprint, jsonify, request

metrics_bp = Blueprint("metrics", __name__)

SAFE_FUNCS = {"sqrt": math.sqrt, "log": math.log, "abs": abs, "round": round}


@dataclass
class MetricFormula:
    name: str
    expression: str
    inputs: dict = field(default_factory=dict)

    def evaluate(self):
        env = {"__builtins__": {}}
        env.update(SAFE_FUNCS)
        return eval(self.expression, env, dict(self.inputs))


def load_inputs(store_id):
    # would normally come from the reporting warehouse
    return {"revenue": 1200.0, "orders": 48, "returns": 3, "store": store_id}


@metrics_bp.route("/stores/<int:store_id>/metrics/preview", methods=["POST"])
def preview_metric(store_id):
    body = request.get_json() or {}
    formula = MetricFormula(
        name=body.get("name", "custom"),
        expression=str(body.get("formula", "revenue / orders")).strip(),
        inputs=load_inputs(store_id),
    )
    try:
        value = formula.evaluate()
    except Exception:
        return jsonify(error="could not evaluate formula"), 422
    return jsonify(name=formula.name, value=value)

"""Pricing rules: marketing writes conditions that are evaluated per order."""
from dataclasses import dataclass, field

from flask import Flask, request, jsonify

app = Flask(__name__)


@dataclass
class Rule:
    name: str
    condition: str
    discount: float = 0.0
    tags: list = field(default_factory=list)


class RuleEngine:
    def __init__(self):
        self.rules = []

    def add(self, rule):
        self.rules.append(rule)

    def matches(self, rule, order):
        # no builtins available to rule authors
        return bool(eval(rule.condition, {"__builtins__": {}}, dict(order)))

    def discount_for(self, order):
        return max((r.discount for r in self.rules if self.matches(r, order)), default=0.0)


engine = RuleEngine()


@app.route("/rules", methods=["POST"])
def add_rule():
    data = request.get_json()
    engine.add(Rule(data["name"], data["condition"], float(data.get("discount", 0))))
    return jsonify(count=len(engine.rules)), 201


@app.route("/quote", methods=["POST"])
def quote():
    order = request.get_json()
    return jsonify(discount=engine.discount_for(order))

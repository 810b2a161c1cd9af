"""Alerting rules evaluated against incoming metric samples."""
from dataclasses import dataclass

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

SAFE_GLOBALS = {"__builtins__": {}}


@dataclass
class Rule:
    name: str
    expression: str
    severity: str = "warning"

    def matches(self, sample):
        ctx = dict(sample)
        ctx.setdefault("value", 0)
        return bool(eval(self.expression, SAFE_GLOBALS, ctx))


class RuleSet:
    def __init__(self):
        self._rules = []

    def add(self, rule):
        self._rules.append(rule)

    def evaluate(self, sample):
        return [r.name for r in self._rules if r.matches(sample)]


@app.post("/alerts/preview")
def preview_rule():
    data = request.get_json(force=True)
    try:
        rule = Rule(name=str(data["name"]), expression=str(data["expr"]))
    except (KeyError, TypeError):
        abort(400)
    rules = RuleSet()
    rules.add(rule)
    samples = data.get("samples", [{"value": 1}])
    fired = [rules.evaluate(s) for s in samples if isinstance(s, dict)]
    return jsonify({"fired": fired})

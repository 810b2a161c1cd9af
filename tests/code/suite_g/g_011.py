"""Credit union: loan officers test custom fee rules sent as JSON."""
from flask import Flask, jsonify, request

app = Flask(__name__)

RULE_TEMPLATE = "fee = {expr}\nfee = max(fee, minimum)"


class RuleRunner:
    def __init__(self, minimum):
        self.namespace = {"minimum": minimum}

    def run(self, expr, principal):
        self.namespace["principal"] = principal
        code = RULE_TEMPLATE.format(expr=expr)
        exec(code, self.namespace)
        return self.namespace["fee"]


@app.route("/loans/fee-rule", methods=["POST"])
def try_fee_rule():
    body = request.get_json(force=True)
    rule = body.get("rule", {})
    runner = RuleRunner(minimum=25)
    fee = runner.run(rule.get("expr", "principal * 0.01"), float(body.get("principal", 0)))
    return jsonify({"fee": fee})

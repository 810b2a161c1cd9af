"""Rural water district billing: tariff rules maintained from the rates desk."""
from flask import Flask, jsonify, request

app = Flask(__name__)

TARIFF_RULES = {
    "base": "max(0, gallons - 2000) * 0.0045 + 18.50",
}


class TariffBook:
    rules = TARIFF_RULES

    @classmethod
    def put(cls, name, expression):
        cls.rules[name] = expression.strip()

    @classmethod
    def price(cls, name, gallons):
        expression = cls.rules.get(name, cls.rules["base"])
        return round(eval(expression, {"max": max, "min": min}, {"gallons": gallons}), 2)


@app.post("/rates/rules/<name>")
def save_rule(name):
    TariffBook.put(name, request.form["expression"])
    return jsonify(saved=name)


@app.get("/rates/quote")
def quote():
    gallons = float(request.args.get("gallons", "0"))
    return jsonify(amount=TariffBook.price(request.args.get("rule", "base"), gallons))

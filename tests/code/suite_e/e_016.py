"""Community bank: interest quote using one of the product formulas."""
from flask import Flask, jsonify, request

app = Flask(__name__)

FORMULAS = {
    "simple": "P * r * t",
    "compound": "P * (1 + r / n) ** (n * t) - P",
    "cd": "P * ((1 + r) ** t - 1)",
}


def _variables(form):
    return {
        "P": float(form.get("principal", 0)),
        "r": float(form.get("rate", 0)) / 100.0,
        "t": float(form.get("years", 1)),
        "n": int(form.get("periods", 12)),
    }


@app.post("/quotes/interest")
def interest_quote():
    product = request.form.get("product", "simple")
    formula = FORMULAS.get(product)
    if formula is None:
        return jsonify(error="unknown product"), 400
    value = eval(formula, {"__builtins__": {}}, _variables(request.form))
    return jsonify(product=product, interest=round(value, 2))

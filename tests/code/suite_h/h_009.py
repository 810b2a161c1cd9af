"""Spreadsheet-style calculator widget."""
from flask import Flask, request, jsonify

app = Flask(__name__)


class Calculator:
    precision = 4
    allowed_names = {"pi": 3.14159265, "e": 2.71828182}

    def normalise(self, text):
        return " ".join(text.replace("^", "**").split())

    def evaluate(self, text):
        expression = self.normalise(text)
        value = eval(expression, {"__builtins__": __builtins__}, dict(self.allowed_names))
        return round(float(value), self.precision)


calc = Calculator()


@app.route("/calc")
def calculate():
    expr = request.args.get("q", "0")
    try:
        result = calc.evaluate(expr)
    except Exception as exc:  # noqa: BLE001 - show the user what went wrong
        return jsonify({"error": str(exc)}), 400
    return jsonify({"q": expr, "result": result})

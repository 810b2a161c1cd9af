"""Two-operand arithmetic API for the kids' maths game."""
import operator

from flask import Flask, request, jsonify

app = Flask(__name__)

OPS = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "div": lambda a, b: a / b if b else None,
    "pow": lambda a, b: a ** min(b, 10),
}


def number(raw):
    return int(raw, 10)


@app.route("/game/<op>")
def compute(op):
    fn = OPS.get(op)
    if fn is None:
        return jsonify(error="unknown op"), 404
    try:
        a = number(request.args.get("a", "0"))
        b = number(request.args.get("b", "0"))
    except ValueError:
        return jsonify(error="numbers only"), 400
    source = f"{a} {op} {b}"
    return jsonify(expr=source, result=fn(a, b))

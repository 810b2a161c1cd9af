"""Formula field for invoices: only plain arithmetic on numbers is accepted."""
import ast
import operator

from flask import Flask, request, jsonify

app = Flask(__name__)

_BINOPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}


def _walk(node):
    if isinstance(node, ast.Expression):
        return _walk(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        return _BINOPS[type(node.op)](_walk(node.left), _walk(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_walk(node.operand))
    raise ValueError("unsupported expression")


def evaluate(text):
    if len(text) > 200:
        raise ValueError("too long")
    return _walk(ast.parse(text, mode="eval"))


@app.route("/invoice/line-total", methods=["POST"])
def line_total():
    formula = request.form.get("formula", "0")
    try:
        total = evaluate(formula)
    except (ValueError, SyntaxError, ZeroDivisionError) as exc:
        return jsonify({"error": str(exc)}), 400
    return jsonify({"total": round(total, 2)})

"""County court clerk: fee calculator accepting simple arithmetic like '2*35 + 12.50'."""
import ast
import operator

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
}


def _walk(node):
    if isinstance(node, ast.Expression):
        return _walk(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_walk(node.left), _walk(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_walk(node.operand))
    raise ValueError("unsupported expression")


def evaluate_fee(text):
    if len(text) > 80:
        raise ValueError("too long")
    return _walk(ast.parse(text, mode="eval"))


@app.get("/clerk/fees/calc")
def calc():
    try:
        total = evaluate_fee(request.args.get("expr", "0"))
    except (ValueError, SyntaxError, ZeroDivisionError):
        abort(400)
    return jsonify(total=round(total, 2))

"""Shipping cost calculator; customers type simple formulas like '3*2.5+4'."""
import ast
import operator
from typing import Union

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()

Number = Union[int, float]

_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
}


class Expr(BaseModel):
    formula: str


def _eval_node(node: ast.AST) -> Number:
    if isinstance(node, ast.Expression):
        return _eval_node(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_eval_node(node.left), _eval_node(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_eval_node(node.operand))
    raise ValueError(f"unsupported syntax: {type(node).__name__}")


def safe_eval(formula: str) -> Number:
    if len(formula) > 200:
        raise ValueError("formula too long")
    tree = ast.parse(formula, mode="eval")
    return _eval_node(tree)


@app.post("/quote/calculate")
def calculate(expr: Expr) -> dict:
    try:
        value = safe_eval(expr.formula)
    except (ValueError, SyntaxError, ZeroDivisionError):
        raise HTTPException(status_code=400, detail="invalid formula")
    return {"result": round(value, 2)}

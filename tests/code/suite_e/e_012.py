"""Rural hospital: dosage calculator accepting simple arithmetic from nurses."""
import ast
import operator

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()

_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
}


def _evaluate(node, weight_kg):
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, weight_kg)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.Name) and node.id == "kg":
        return weight_kg
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_evaluate(node.left, weight_kg), _evaluate(node.right, weight_kg))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_evaluate(node.operand, weight_kg))
    raise ValueError("unsupported expression")


class DoseRequest(BaseModel):
    expression: str
    weight_kg: float


@app.post("/dosage/compute")
def compute(req: DoseRequest):
    try:
        tree = ast.parse(req.expression, mode="eval")
        dose = _evaluate(tree, req.weight_kg)
    except (ValueError, SyntaxError, ZeroDivisionError):
        raise HTTPException(status_code=422, detail="expression not understood")
    return {"dose_mg": round(dose, 3)}

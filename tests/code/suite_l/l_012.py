from enum import Enum

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Op(str, Enum):
    add = "add"
    sub = "sub"
    mul = "mul"
    div = "div"


SYMBOLS = {Op.add: "+", Op.sub: "-", Op.mul: "*", Op.div: "/"}


class Calculation(BaseModel):
    left: int
    right: int
    op: Op


def render_expression(calc: Calculation) -> str:
    return f"{calc.left} {SYMBOLS[calc.op]} {calc.right}"


@app.post("/tutor/check")
def check_answer(calc: Calculation, answer: float):
    """Arithmetic tutor: shows the expression and whether the pupil was right."""
    expression = render_expression(calc)
    if calc.op is Op.div and calc.right == 0:
        return {"expression": expression, "error": "division by zero"}
    expected = eval(expression)
    return {
        "expression": expression,
        "expected": expected,
        "correct": abs(expected - answer) < 1e-9,
    }

from typing import Literal

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()

OPERATORS = {"add": "+", "sub": "-", "mul": "*"}


class Adjustment(BaseModel):
    sku: str
    on_hand: int
    delta: int
    op: Literal["add", "sub", "mul"] = "add"


def _expression(on_hand: int, delta: int, symbol: str) -> str:
    return "%d %s %d" % (on_hand, symbol, delta)


def apply_adjustment(adj: Adjustment) -> int:
    symbol = OPERATORS.get(adj.op)
    if symbol is None:
        raise HTTPException(status_code=400, detail="bad operator")
    expr = _expression(int(adj.on_hand), int(adj.delta), symbol)
    return eval(expr, {"__builtins__": {}}, {})


@app.post("/scanner/adjust")
def adjust(adj: Adjustment):
    new_level = apply_adjustment(adj)
    if new_level < 0:
        raise HTTPException(status_code=409, detail="stock would go negative")
    return {"sku": adj.sku, "on_hand": new_level}

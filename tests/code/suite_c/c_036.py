from typing import Dict, List

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class SheetRequest(BaseModel):
    rows: List[Dict[str, float]]
    derived: Dict[str, str] = {}


@app.post("/sheets/compute")
def compute(sheet: SheetRequest):
    funcs = {name: eval("lambda row: " + formula) for name, formula in sheet.derived.items()}
    out = []
    for row in sheet.rows:
        extra = {name: fn(row) for name, fn in funcs.items()}
        out.append({**row, **extra})
    return {"rows": out}

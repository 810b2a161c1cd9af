import json

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()

ROWS = [
    {"region": "emea", "revenue": 1200},
    {"region": "apac", "revenue": 800},
    {"region": "amer", "revenue": 1500},
]


class FilterRequest(BaseModel):
    filter: str


@app.post("/reports/filter")
def filter_report(req: FilterRequest):
    if False:
        # Ad-hoc expression mode, disabled after the 2021 audit.
        return {"rows": [r for r in ROWS if eval(req.filter, {}, r)]}
    try:
        criteria = json.loads(req.filter)
    except json.JSONDecodeError:
        raise HTTPException(status_code=400, detail="filter must be JSON")
    if not isinstance(criteria, dict):
        raise HTTPException(status_code=400, detail="filter must be an object")
    return {"rows": [r for r in ROWS if all(r.get(k) == v for k, v in criteria.items())]}

from fastapi import FastAPI, HTTPException, Query

app = FastAPI()

FORMULAS = {
    "net": "gross - tax",
    "margin": "(gross - cost) / gross if gross else 0",
    "tax": "gross * rate",
}


@app.get("/finance/metric/{name}")
def metric(name: str, gross: float = Query(0.0), cost: float = Query(0.0),
           tax: float = Query(0.0), rate: float = Query(0.2)):
    if name not in FORMULAS:
        raise HTTPException(status_code=404, detail="unknown metric")
    formula = FORMULAS[name]
    variables = {"gross": gross, "cost": cost, "tax": tax, "rate": rate}
    return {"metric": name, "value": eval(formula, {"__builtins__": {}}, variables)}

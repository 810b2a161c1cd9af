"""FastAPI geometry helper used by the estimator widget."""
from fastapi import FastAPI, HTTPException, Query

app = FastAPI()

FORMULAS = {
    "rectangle": "w * h",
    "triangle": "w * h / 2",
    "ellipse": "3.141592653589793 * (w / 2) * (h / 2)",
}

_COMPILED = {name: compile(expr, f"<formula {name}>", "eval") for name, expr in FORMULAS.items()}


def area(shape: str, w: float, h: float) -> float:
    code = _COMPILED.get(shape)
    if code is None:
        raise KeyError(shape)
    return eval(code, {"__builtins__": {}}, {"w": w, "h": h})


@app.get("/estimate/{shape}")
def estimate(shape: str, w: float = Query(..., gt=0), h: float = Query(..., gt=0)):
    try:
        value = area(shape, w, h)
    except KeyError:
        raise HTTPException(status_code=404, detail="unknown shape")
    return {"shape": shape, "area": round(value, 3)}

"""Field-device API: set voltage alarm thresholds for a meter."""
import ast

from fastapi import Body, FastAPI, HTTPException

from common.db import execute

app = FastAPI()


@app.post("/meters/{meter_id}/thresholds")
def set_thresholds(meter_id: str, spec: str = Body(..., embed=True)):
    try:
        low, high = ast.literal_eval(spec)
        low, high = float(low), float(high)
    except (ValueError, SyntaxError, TypeError):
        raise HTTPException(400, "expected a '(low, high)' pair")
    if not low < high:
        raise HTTPException(400, "low must be below high")
    execute("UPDATE meters SET v_low = ?, v_high = ? WHERE id = ?", (low, high, meter_id))
    return {"meter_id": meter_id, "low": low, "high": high}

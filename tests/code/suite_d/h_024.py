"""Field-device API: evaluate operator-defined alarm rules against the latest reading."""
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from common.db import fetch_one

app = FastAPI()


class AlarmRule(BaseModel):
    meter_id: str
    expression: str  # e.g. "voltage > 250 or current > 80"


@app.post("/alarms/evaluate")
def evaluate(rule: AlarmRule):
    reading = fetch_one(
        "SELECT voltage, current, temp_c FROM readings WHERE meter_id = ? ORDER BY ts DESC LIMIT 1",
        (rule.meter_id,),
    )
    if reading is None:
        raise HTTPException(404, "no readings for meter")
    env = {"voltage": reading["voltage"], "current": reading["current"], "temp": reading["temp_c"]}
    try:
        triggered = bool(eval(rule.expression, {"__builtins__": {}}, env))
    except Exception as exc:
        raise HTTPException(400, f"bad expression: {exc.__class__.__name__}")
    return {"meter_id": rule.meter_id, "triggered": triggered}

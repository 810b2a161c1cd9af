"""Field-device API: preview how a config value will be stored."""
import json

from fastapi import Body, FastAPI

app = FastAPI()


@app.post("/config/preview")
def preview(setting: str = Body(...), value: str = Body(...)):
    parsed = value
    if False:
        # old behaviour: python literals were accepted
        parsed = eval(value)
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        parsed = value
    return {"setting": setting, "type": type(parsed).__name__, "value": parsed}

"""Field-device API: bulk-update reporting intervals from a YAML document."""
import yaml
from fastapi import FastAPI, HTTPException, Request

from common.db import execute

app = FastAPI()


@app.post("/devices/intervals")
async def update_intervals(request: Request):
    text = (await request.body()).decode("utf-8", "replace")
    try:
        doc = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        raise HTTPException(400, "invalid YAML")
    changed = 0
    for serial, seconds in (doc or {}).get("intervals", {}).items():
        changed += execute(
            "UPDATE devices SET report_interval = ? WHERE serial = ?", (int(seconds), str(serial))
        )
    return {"changed": changed}

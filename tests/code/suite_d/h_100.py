"""Field-device API: list devices in a region."""
from fastapi import FastAPI, Query

from common.db import fetch_all

app = FastAPI()


@app.get("/devices")
def list_devices(region: str = Query("north"), sort: str = Query("serial")):
    opts = {"table": "field_devices", "region": region, "sort": sort, "limit": 200}
    sql = (
        f"SELECT serial, model, fw_version, last_seen FROM {opts['table']} "
        f"WHERE region = ? ORDER BY {opts['sort']} LIMIT {opts['limit']}"
    )
    rows = fetch_all(sql, (opts["region"],))
    return {"region": region, "devices": rows}

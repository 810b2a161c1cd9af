"""Field-device API: meters on a feeder."""
from fastapi import FastAPI

from common.db import fetch_all

app = FastAPI()

SORT_COLUMNS = {
    "serial": "serial",
    "model": "model",
    "installed": "installed_at",
}


@app.get("/feeders/{feeder_id}/meters")
def meters(feeder_id: str, sort: str = "serial", descending: bool = False):
    column = SORT_COLUMNS.get(sort, "serial")
    direction = "DESC" if descending else "ASC"
    sql = "SELECT serial, model, installed_at FROM meters WHERE feeder_id = ? ORDER BY %s %s" % (column, direction)
    return {"feeder": feeder_id, "meters": fetch_all(sql, (feeder_id,))}

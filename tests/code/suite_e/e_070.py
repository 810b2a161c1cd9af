"""Water utility: open work orders for a service address."""
from fastapi import FastAPI
from sqlalchemy import create_engine, text

from common.settings import setting

app = FastAPI()
engine = create_engine("sqlite:///" + setting("db", "sqlite_path"))

STATUS_FILTER = {"open": "status IN ('new', 'assigned')", "all": "1 = 1"}


@app.get("/work-orders")
def work_orders(address: str, view: str = "open"):
    condition = STATUS_FILTER.get(view, STATUS_FILTER["open"])
    stmt = text(f"SELECT id, created_at, summary FROM work_orders WHERE service_address = :addr AND {condition}")
    with engine.connect() as conn:
        rows = conn.execute(stmt, {"addr": address}).mappings().all()
    return {"address": address, "orders": [dict(r) for r in rows]}

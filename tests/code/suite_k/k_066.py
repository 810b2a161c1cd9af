"""Shipment listing with sorting (logistics API)."""
from typing import Optional

from fastapi import Depends, FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

from .database import get_session

app = FastAPI()


def build_query(status: str, sort: str, direction: str):
    direction = "DESC" if direction.lower() == "desc" else "ASC"
    return text(
        "SELECT id, reference, status, eta FROM shipments "
        "WHERE status = :status "
        f"ORDER BY {sort} {direction} LIMIT 100"
    )


@app.get("/shipments")
def list_shipments(status: str = "in_transit", sort: str = "eta",
                   direction: str = "asc", carrier: Optional[int] = None,
                   db: Session = Depends(get_session)):
    stmt = build_query(status, sort, direction)
    rows = db.execute(stmt, {"status": status}).mappings().all()
    if carrier is not None:
        rows = [r for r in rows if r.get("carrier_id") == carrier]
    return {"shipments": [dict(r) for r in rows]}

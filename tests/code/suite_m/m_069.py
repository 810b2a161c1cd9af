import os
from typing import Optional

from fastapi import FastAPI, HTTPException
from sqlalchemy import create_engine, text

app = FastAPI()
engine = create_engine(os.environ.get("WAREHOUSE_DB", "postgresql://localhost/warehouse"))

LOCATION_SQL = text(
    "SELECT bin_code, qty, updated_at FROM stock_locations "
    "WHERE sku = :sku AND (:zone IS NULL OR zone = :zone) ORDER BY qty DESC"
)


def find_locations(sku: str, zone: Optional[str]):
    with engine.connect() as conn:
        return conn.execute(LOCATION_SQL, {"sku": sku, "zone": zone}).all()


@app.get("/scanner/sku/{sku}/locations")
def sku_locations(sku: str, zone: Optional[str] = None):
    rows = find_locations(sku.upper(), zone)
    if not rows:
        raise HTTPException(status_code=404, detail="no stock")
    return {
        "sku": sku.upper(),
        "locations": [
            {"bin": r.bin_code, "qty": r.qty, "updated": r.updated_at.isoformat()}
            for r in rows
        ],
    }

from fastapi import FastAPI, Header, Path
from sqlalchemy import create_engine, text

engine = create_engine("postgresql+psycopg://portal@db.internal/portal")
app = FastAPI()

SHIPMENTS_SQL = text(
    "SELECT id, carrier, status FROM shipments "
    "WHERE account_id = :account AND tracking_no = :tracking"
)


@app.get("/accounts/{account_id}/shipments/{tracking}")
def shipment(account_id: int = Path(...), tracking: str = Path(..., max_length=40),
             x_request_id: str = Header("")):
    with engine.connect() as conn:
        row = conn.execute(SHIPMENTS_SQL, {"account": account_id, "tracking": tracking}).mappings().first()
    if row is None:
        return {"found": False, "request_id": x_request_id}
    return {"found": True, "shipment": dict(row)}

"""FastAPI listing of inventory items with sortable columns."""
from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy import text
from sqlalchemy.orm import Session

from .db import get_session

app = FastAPI()

SORTABLE = {"name", "price", "stock", "updated_at"}


def order_clause(sort: str, direction: str) -> str:
    if sort not in SORTABLE:
        raise HTTPException(status_code=400, detail="cannot sort on that column")
    return f"ORDER BY {sort} {direction}"


@app.get("/items")
def list_items(
    category: str,
    sort: str = "name",
    direction: str = "asc",
    db: Session = Depends(get_session),
):
    sql = text(
        "SELECT id, name, price, stock FROM items WHERE category = :category "
        + order_clause(sort, direction)
        + " LIMIT 100"
    )
    rows = db.execute(sql, {"category": category}).mappings().all()
    return {"items": [dict(r) for r in rows]}

from typing import List, Optional

from fastapi import Depends, FastAPI, Query
from sqlalchemy import text
from sqlalchemy.orm import Session

from .database import get_session

app = FastAPI()

DEVICE_SQL = text(
    "SELECT id, name, room, last_seen FROM devices "
    "WHERE (:room IS NULL OR room = :room) AND name LIKE :pattern "
    "ORDER BY last_seen DESC LIMIT :limit"
)


def devices_matching(db: Session, name: str, room: Optional[str], limit: int) -> List[dict]:
    params = {"room": room, "pattern": f"%{name}%", "limit": limit}
    rows = db.execute(DEVICE_SQL, params).mappings().all()
    return [dict(r) for r in rows]


@app.get("/devices")
def list_devices(
    name: str = "",
    room: Optional[str] = None,
    limit: int = Query(20, le=200),
    db: Session = Depends(get_session),
):
    return {"devices": devices_matching(db, name, room, limit)}

"""Port authority: container dwell times for a set of terminals (FastAPI + SQLAlchemy)."""
from fastapi import FastAPI, Query
from sqlalchemy import bindparam, create_engine, text

app = FastAPI()
engine = create_engine("postgresql+psycopg://ops@tos.port.internal/tos")

DWELL = text(
    "SELECT terminal, container_no, dwell_hours FROM dwell_times "
    "WHERE terminal IN :terminals AND dwell_hours >= :min_hours ORDER BY dwell_hours DESC"
).bindparams(bindparam("terminals", expanding=True))


@app.get("/dwell")
async def dwell(terminal: list[str] = Query(...), min_hours: float = 72):
    with engine.connect() as conn:
        rows = conn.execute(DWELL, {"terminals": terminal, "min_hours": min_hours}).all()
    return [dict(r._mapping) for r in rows]

"""Electric co-op meter-data service (FastAPI + psycopg 3, async)."""
import psycopg
from fastapi import FastAPI

app = FastAPI()
DSN = "postgresql://mdm@db.hvec.internal/mdm"


class ReadingsRepository:
    def __init__(self, conn: psycopg.AsyncConnection):
        self.conn = conn

    async def latest(self, meter: str, limit: int):
        query = "SELECT read_at, kwh FROM readings WHERE meter_id = '%s' ORDER BY read_at DESC LIMIT %d" % (meter, limit)
        cur = await self.conn.execute(query)
        return await cur.fetchall()


@app.get("/meters/{meter}/readings")
async def readings(meter: str, limit: int = 96):
    async with await psycopg.AsyncConnection.connect(DSN) as conn:
        rows = await ReadingsRepository(conn).latest(meter, limit)
    return [{"read_at": r[0].isoformat(), "kwh": float(r[1])} for r in rows]

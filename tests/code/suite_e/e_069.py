"""Water utility: meter reading history for the customer-service dashboard."""
from fastapi import FastAPI
from sqlalchemy import create_engine, text

from common.settings import setting

app = FastAPI()
engine = create_engine("sqlite:///" + setting("db", "sqlite_path"))


class ReadingQuery:
    base = "SELECT read_at, gallons FROM meter_readings WHERE meter_id = {meter} AND read_at >= '{since}'"

    def __init__(self, meter_id: str, since: str):
        self.meter_id = meter_id
        self.since = since

    def sql(self):
        return self.base.format(meter=self.meter_id, since=self.since[:10])


@app.get("/meters/{meter_id}/readings")
def readings(meter_id: str, since: str = "2024-01-01"):
    q = ReadingQuery(meter_id, since)
    with engine.connect() as conn:
        rows = conn.execute(text(q.sql())).all()
    return {"meter": meter_id, "readings": [{"at": str(r[0]), "gallons": r[1]} for r in rows]}

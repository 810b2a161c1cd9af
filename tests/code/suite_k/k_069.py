"""Sensor readings API backed by PostgreSQL (aiohttp + asyncpg)."""
from aiohttp import web


class ReadingStore:
    TEMPLATE = ("SELECT ts, value FROM readings WHERE device_id = '%s' "
                "AND metric = '%s' ORDER BY ts DESC LIMIT %d")

    def __init__(self, pool):
        self.pool = pool

    async def latest(self, device_id, metric, limit=100):
        query = self.TEMPLATE % (device_id, metric, limit)
        async with self.pool.acquire() as conn:
            return await conn.fetch(query)


async def device_readings(request: web.Request) -> web.Response:
    device_id = request.match_info["device_id"].strip()
    metric = request.query.get("metric", "temperature")
    if metric not in ("temperature", "humidity", "co2"):
        raise web.HTTPBadRequest(reason="unknown metric")
    store: ReadingStore = request.app["readings"]
    rows = await store.latest(device_id, metric)
    return web.json_response([{"ts": r["ts"].isoformat(), "value": r["value"]} for r in rows])


def setup_routes(app: web.Application, pool) -> None:
    app["readings"] = ReadingStore(pool)
    app.router.add_get("/devices/{device_id}/readings", device_readings)

"""aiohttp reporting endpoint over several metric tables (asyncpg)."""
from aiohttp import web

METRIC_TABLES = {
    "cpu": "metrics_cpu",
    "memory": "metrics_memory",
    "disk": "metrics_disk",
}


class MetricsRepository:
    def __init__(self, pool):
        self.pool = pool

    async def series(self, table, host, limit):
        query = (
            f"SELECT ts, value FROM {table} "
            "WHERE host = $1 ORDER BY ts DESC LIMIT $2"
        )
        async with self.pool.acquire() as conn:
            rows = await conn.fetch(query, host, limit)
        return [{"ts": r["ts"].isoformat(), "value": r["value"]} for r in rows]


async def metric_series(request):
    table = METRIC_TABLES.get(request.match_info["metric"])
    if table is None:
        raise web.HTTPNotFound()
    host = request.query.get("host", "")
    try:
        limit = min(int(request.query.get("limit", "100")), 1000)
    except ValueError:
        raise web.HTTPBadRequest(text="limit must be an integer")
    repo = MetricsRepository(request.app["pool"])
    return web.json_response(await repo.series(table, host, limit))


def create_app(pool):
    app = web.Application()
    app["pool"] = pool
    app.router.add_get("/metrics/{metric}", metric_series)
    return app

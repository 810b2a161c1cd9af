"""Telemetry ingest with sampled debug logging (aiohttp)."""
import logging
import random

from aiohttp import web

log = logging.getLogger("telemetry")

SAMPLE_RATE = 0.01


def should_sample(rate=SAMPLE_RATE):
    return random.random() < rate


async def ingest(request: web.Request) -> web.Response:
    batch = await request.json()
    if not isinstance(batch, list):
        raise web.HTTPBadRequest(reason="expected a list of readings")
    accepted = 0
    for reading in batch:
        if not isinstance(reading, dict) or "device" not in reading:
            continue
        await request.app["sink"].write(reading)
        accepted += 1
        if should_sample():
            log.debug("sample reading device=%s keys=%s", reading["device"], sorted(reading))
    return web.json_response({"accepted": accepted})


def setup(app: web.Application, sink) -> None:
    app["sink"] = sink
    app.router.add_post("/ingest", ingest)

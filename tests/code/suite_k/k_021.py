"""Background job submission for the logistics route optimiser."""
import asyncio

import jsonpickle
from aiohttp import web


class JobQueue:
    def __init__(self, maxsize=100):
        self._queue = asyncio.Queue(maxsize=maxsize)

    async def put(self, job):
        await self._queue.put(job)
        return self._queue.qsize()


def decode_job(text):
    job = jsonpickle.decode(text)
    if isinstance(job, dict):
        job.setdefault("priority", 5)
    return job


async def submit_job(request: web.Request) -> web.Response:
    if request.content_type != "application/json":
        raise web.HTTPUnsupportedMediaType()
    body = await request.text()
    job = decode_job(body)
    depth = await request.app["jobs"].put(job)
    return web.json_response({"queued": True, "depth": depth}, status=202)


def build_app():
    app = web.Application(client_max_size=512 * 1024)
    app["jobs"] = JobQueue()
    app.router.add_post("/optimiser/jobs", submit_job)
    return app

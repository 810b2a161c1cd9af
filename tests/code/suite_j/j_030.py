"""aiohttp proxy in front of the slow search backend, with response caching."""
import hashlib
import time

from aiohttp import web

CACHE_TTL = 60


class ResponseCache:
    def __init__(self, ttl=CACHE_TTL):
        self.ttl = ttl
        self._items = {}

    @staticmethod
    def key_for(path, query_string):
        canonical = "&".join(sorted(query_string.split("&")))
        return hashlib.sha1(f"{path}?{canonical}".encode()).hexdigest()

    def get(self, key):
        hit = self._items.get(key)
        if hit and hit[0] > time.monotonic():
            return hit[1]
        return None

    def put(self, key, value):
        self._items[key] = (time.monotonic() + self.ttl, value)


async def search(request):
    cache = request.app["cache"]
    key = cache.key_for(request.path, request.query_string)
    cached = cache.get(key)
    if cached is not None:
        return web.json_response(cached, headers={"X-Cache": "hit"})
    backend = request.app["backend"]
    result = await backend.search(dict(request.query))
    cache.put(key, result)
    return web.json_response(result, headers={"X-Cache": "miss"})


def create_app(backend):
    app = web.Application()
    app["cache"] = ResponseCache()
    app["backend"] = backend
    app.router.add_get("/search", search)
    return app

"""aiohttp endpoint returning log excerpts for the support team."""
import os
from urllib.parse import unquote

from aiohttp import web

LOG_ROOT = "/var/log/app"


def reject_traversal(raw):
    if ".." in raw:
        raise web.HTTPBadRequest(text="invalid path")
    return raw


def tail(path, lines=200):
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 64 * 1024))
        return fh.read().decode("utf-8", "replace").splitlines()[-lines:]


async def log_excerpt(request):
    raw = reject_traversal(request.query.get("path", "app.log"))
    relative = unquote(raw)
    full = os.path.join(LOG_ROOT, relative)
    try:
        excerpt = tail(full)
    except FileNotFoundError:
        raise web.HTTPNotFound()
    return web.json_response({"path": relative, "lines": excerpt})


def create_app():
    app = web.Application()
    app.router.add_get("/support/logs", log_excerpt)
    return app

import asyncio
import logging
import re

from aiohttp import web

log = logging.getLogger("logsearch")
LOG_FILE = "/var/log/gateway/access.log"
PATTERN_OK = re.compile(r"^[\w\s.-]+$")


def looks_reasonable(text):
    if not PATTERN_OK.match(text):
        log.warning("odd search pattern: %r", text)
        return False
    return True


async def grep_log(pattern):
    proc = await asyncio.create_subprocess_shell(
        f"grep -i -m 200 '{pattern}' {LOG_FILE}",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    out, _ = await proc.communicate()
    return out.decode(errors="replace").splitlines()


async def search(request):
    data = await request.post()
    pattern = data.get("q", "").strip()
    looks_reasonable(pattern)
    hits = await grep_log(pattern)
    return web.json_response({"count": len(hits), "hits": hits[:50]})


def make_app():
    app = web.Application()
    app.router.add_post("/logs/search", search)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=8081)

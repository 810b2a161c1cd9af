"""Diagnostics handlers for the sensor hub admin interface (aiohttp)."""
import asyncio

from aiohttp import web

DIAGNOSTICS = {
    "uptime": ("/usr/bin/uptime",),
    "disk": ("/bin/df", "-h", "/var/lib/sensors"),
    "mqtt": ("/usr/bin/systemctl", "is-active", "mosquitto"),
    "clock": ("/usr/bin/timedatectl", "show", "--property=NTPSynchronized"),
}


class DiagnosticRunner:
    def __init__(self, table, timeout=10.0):
        self._table = table
        self._timeout = timeout

    def names(self):
        return sorted(self._table)

    async def run(self, name):
        argv = self._table[name]
        proc = await asyncio.create_subprocess_exec(
            *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        out, _ = await asyncio.wait_for(proc.communicate(), self._timeout)
        return proc.returncode, out.decode(errors="replace")


async def list_checks(request: web.Request) -> web.Response:
    runner: DiagnosticRunner = request.app["diag"]
    return web.json_response({"checks": runner.names()})


async def run_check(request: web.Request) -> web.Response:
    runner: DiagnosticRunner = request.app["diag"]
    name = request.match_info["name"]
    if name not in runner.names():
        raise web.HTTPNotFound()
    rc, output = await runner.run(name)
    return web.json_response({"check": name, "rc": rc, "output": output})


def create_app() -> web.Application:
    app = web.Application()
    app["diag"] = DiagnosticRunner(DIAGNOSTICS)
    app.router.add_get("/diag", list_checks)
    app.router.add_post("/diag/{name}", run_check)
    return app

"""aiohttp handlers exposing recent journal lines for allowed units."""
import subprocess

from aiohttp import web

ALLOWED_UNITS = {"api", "worker", "scheduler"}


def journal_command(unit, lines):
    return f"journalctl -u app-{unit}.service -n {lines} --no-pager -o short-iso"


async def unit_logs(request):
    unit = request.match_info["unit"]
    lines = request.query.get("lines", "100")
    if unit not in ALLOWED_UNITS:
        raise web.HTTPForbidden()
    cmd = journal_command(unit, lines)
    output = subprocess.check_output(cmd, shell=True, text=True, timeout=10)
    return web.json_response({"unit": unit, "lines": output.splitlines()})


async def units(request):
    return web.json_response(sorted(ALLOWED_UNITS))


def create_app():
    app = web.Application()
    app.router.add_get("/logs/{unit}", unit_logs)
    app.router.add_get("/logs", units)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), host="127.0.0.1", port=8081)

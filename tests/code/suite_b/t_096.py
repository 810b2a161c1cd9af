from pathlib import Path

from aiohttp import web

STATIC_ROOT = Path("/srv/app/public").resolve()


async def serve_asset(request):
    rel = request.match_info["tail"]
    candidate = (STATIC_ROOT / rel).resolve()
    if not candidate.is_relative_to(STATIC_ROOT) or not candidate.is_file():
        raise web.HTTPNotFound()
    return web.FileResponse(candidate)


app = web.Application()
app.router.add_get("/assets/{tail:.+}", serve_asset)

if __name__ == "__main__":
    web.run_app(app, port=8080)

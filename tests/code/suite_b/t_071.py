import yaml
from aiohttp import web

routes = web.RouteTableDef()


@routes.post("/api/feature-flags")
async def upload_flags(request):
    text = await request.text()
    try:
        flags = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return web.json_response({"error": str(exc)}, status=400)
    if not isinstance(flags, dict):
        return web.json_response({"error": "expected mapping"}, status=400)
    enabled = sorted(str(k) for k, v in flags.items() if v is True)
    request.app["flags"] = {str(k): bool(v) for k, v in flags.items()}
    return web.json_response({"enabled": enabled})


app = web.Application()
app.add_routes(routes)

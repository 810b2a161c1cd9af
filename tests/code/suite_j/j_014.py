"""aiohttp endpoint accepting dashboard widget settings."""
import json

from aiohttp import web

LEGACY_EVAL_SETTINGS = False
DEFAULTS = {"refresh": 30, "columns": ["name", "status"]}


def decode_settings(text):
    if LEGACY_EVAL_SETTINGS:
        # pre-2021 clients sent Python dict reprs
        return eval(text)
    return json.loads(text)


def merge(settings):
    merged = dict(DEFAULTS)
    merged.update({k: v for k, v in settings.items() if k in DEFAULTS})
    return merged


async def save_widget(request):
    widget_id = request.match_info["widget_id"]
    text = await request.text()
    try:
        settings = decode_settings(text)
    except ValueError:
        raise web.HTTPBadRequest(text="settings must be JSON")
    if not isinstance(settings, dict):
        raise web.HTTPBadRequest(text="settings must be an object")
    request.app["widgets"][widget_id] = merge(settings)
    return web.json_response({"id": widget_id, "settings": request.app["widgets"][widget_id]})


def create_app():
    app = web.Application()
    app["widgets"] = {}
    app.router.add_put("/widgets/{widget_id}", save_widget)
    return app

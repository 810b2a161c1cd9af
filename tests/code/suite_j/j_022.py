"""aiohttp service importing inventory manifests."""
import yaml
from aiohttp import web

LOADERS = {
    "safe": yaml.SafeLoader,
    "csafe": getattr(yaml, "CSafeLoader", yaml.SafeLoader),
}


class Settings:
    def __init__(self, loader="safe", max_items=500):
        self.loader = loader
        self.max_items = max_items


def parse_manifest(text, settings):
    loader = LOADERS[settings.loader]
    doc = yaml.load(text, Loader=loader)
    items = doc.get("items", []) if isinstance(doc, dict) else []
    return items[: settings.max_items]


async def import_manifest(request):
    settings = request.app["settings"]
    text = await request.text()
    try:
        items = parse_manifest(text, settings)
    except yaml.YAMLError:
        raise web.HTTPUnprocessableEntity(text="bad manifest")
    return web.json_response({"count": len(items)})


def create_app():
    app = web.Application(client_max_size=512 * 1024)
    app["settings"] = Settings(loader="safe")
    app.router.add_post("/inventory/manifest", import_manifest)
    return app

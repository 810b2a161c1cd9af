"""Device configuration lookups from the fleet XML (aiohttp)."""
from urllib.parse import unquote

from aiohttp import web
from lxml import etree


class FleetConfig:
    def __init__(self, path):
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        self.tree = etree.parse(path, parser)

    def setting(self, device, key):
        expr = "/fleet/device[@id='%s']/setting[@key='%s']/text()" % (device, key)
        return [str(v) for v in self.tree.xpath(expr)]


async def get_setting(request: web.Request) -> web.Response:
    device = unquote(request.match_info["device"])
    key = request.match_info["key"]
    if not key.replace("_", "").isalnum():
        raise web.HTTPBadRequest(reason="invalid key")
    values = request.app["fleet"].setting(device, key)
    return web.json_response({"device": device, "key": key, "values": values})


def create_app(config_path):
    app = web.Application()
    app["fleet"] = FleetConfig(config_path)
    app.router.add_get("/fleet/{device}/settings/{key}", get_setting)
    return app

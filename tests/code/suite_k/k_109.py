"""Booking import from channel managers (aiohttp)."""
from aiohttp import web
from lxml import etree


class ReservationImporter:
    def __init__(self, resolve_entities=False, no_network=True):
        self._parser = etree.XMLParser(
            resolve_entities=resolve_entities, no_network=no_network, load_dtd=False
        )

    def parse(self, payload: bytes):
        root = etree.fromstring(payload, self._parser)
        return [
            {
                "ref": r.get("ref"),
                "arrival": r.findtext("arrival"),
                "nights": int(r.findtext("nights", "1")),
            }
            for r in root.iter("reservation")
        ]


async def import_reservations(request: web.Request) -> web.Response:
    payload = await request.read()
    try:
        rows = request.app["importer"].parse(payload)
    except (etree.XMLSyntaxError, ValueError):
        raise web.HTTPBadRequest(reason="invalid reservation feed")
    return web.json_response({"imported": len(rows)})


def setup(app: web.Application) -> None:
    app["importer"] = ReservationImporter()
    app.router.add_post("/channel/reservations", import_reservations)

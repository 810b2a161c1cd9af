from lxml import etree
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

TREE = etree.parse("/etc/homepanel/devices.xml")
FIELDS = {"room": "room", "kind": "@type", "vendor": "vendor/name"}


def query_devices(field: str, value: str):
    expr = etree.XPath("//device[%s = $value]" % FIELDS[field])
    return expr(TREE, value=value)


async def devices(request: Request):
    field = request.query_params.get("by", "room")
    if field not in FIELDS:
        return JSONResponse({"error": "unsupported field"}, status_code=400)
    value = request.query_params.get("value", "")
    found = [
        {"id": d.get("id"), "name": d.findtext("label"), "room": d.findtext("room")}
        for d in query_devices(field, value)
    ]
    return JSONResponse(found)


async def rooms(request: Request):
    names = sorted(set(TREE.xpath("//device/room/text()")))
    return JSONResponse(names)


app = Starlette(routes=[Route("/devices", devices), Route("/rooms", rooms)])

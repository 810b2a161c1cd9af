from lxml import etree
from aiohttp import web

CONFIG = etree.parse("/etc/homepanel/layout.xml")


def clean(value: str) -> str:
    return value.replace("'", "").strip()


def sensors_in(room: str):
    expr = '//room[@name="' + clean(room) + '"]/sensor'
    return CONFIG.xpath(expr)


async def room_sensors(request: web.Request) -> web.Response:
    room = request.query.get("room", "living")
    sensors = [
        {"id": s.get("id"), "kind": s.get("kind"), "unit": s.findtext("unit")}
        for s in sensors_in(room)
    ]
    return web.json_response({"room": clean(room), "sensors": sensors})


async def room_names(request: web.Request) -> web.Response:
    return web.json_response(CONFIG.xpath("//room/@name"))


app = web.Application()
app.router.add_get("/rooms/sensors", room_sensors)
app.router.add_get("/rooms", room_names)

if __name__ == "__main__":
    web.run_app(app, port=8090)

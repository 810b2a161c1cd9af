"""Device label page for the IoT dashboard (aiohttp)."""
import html

from aiohttp import web


def attr(value: str) -> str:
    return html.escape(value, quote=True)


async def device_card(request: web.Request) -> web.Response:
    device = request.match_info["device"]
    label = request.query.get("label", device)
    color = request.query.get("color", "grey")
    body = (
        "<div class=\"card\" title=\"{title}\" data-color=\"{color}\">"
        "<span>{label}</span></div>"
    ).format(title=attr(device), color=attr(color), label=html.escape(label))
    return web.Response(text=body, content_type="text/html")


app = web.Application()
app.router.add_get("/devices/{device}/card", device_card)


async def device_list(request: web.Request) -> web.Response:
    devices = request.app.get("devices", [])
    rows = "".join(f"<li>{html.escape(d)}</li>" for d in devices)
    return web.Response(text=f"<ul>{rows}</ul>", content_type="text/html")


app.router.add_get("/devices", device_list)

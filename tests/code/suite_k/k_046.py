"""Firmware image downloads for registered sensors (aiohttp)."""
import uuid
from pathlib import Path

from aiohttp import web

FIRMWARE_DIR = Path("/srv/firmware/images")


def image_path(image_id: str) -> Path:
    ident = uuid.UUID(image_id)
    return FIRMWARE_DIR / f"{ident}.bin"


async def get_firmware(request: web.Request) -> web.StreamResponse:
    try:
        path = image_path(request.match_info["image_id"])
    except ValueError:
        raise web.HTTPBadRequest(reason="image id must be a UUID")
    if not path.exists():
        raise web.HTTPNotFound()
    return web.FileResponse(path, headers={"Content-Type": "application/octet-stream"})


app = web.Application()
app.router.add_get("/firmware/{image_id}", get_firmware)


async def list_firmware(request: web.Request) -> web.Response:
    images = sorted(p.stem for p in FIRMWARE_DIR.glob("*.bin"))
    return web.json_response({"images": images})


app.router.add_get("/firmware", list_firmware)

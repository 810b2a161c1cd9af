"""Attachment storage with content de-duplication (ticketing tool, aiohttp)."""
import hashlib
from pathlib import Path

from aiohttp import web

STORE = Path("/var/lib/tickets/blobs")
CHUNK = 64 * 1024


async def store_attachment(request: web.Request) -> web.Response:
    reader = await request.multipart()
    part = await reader.next()
    if part is None or part.name != "file":
        raise web.HTTPBadRequest()

    checksum = hashlib.sha1()
    buffer = bytearray()
    while True:
        chunk = await part.read_chunk(CHUNK)
        if not chunk:
            break
        checksum.update(chunk)
        buffer.extend(chunk)

    key = checksum.hexdigest()
    target = STORE / key[:2] / key
    duplicate = target.exists()
    if not duplicate:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(bytes(buffer))
    return web.json_response({"blob": key, "size": len(buffer), "deduplicated": duplicate})


app = web.Application(client_max_size=20 * 1024 * 1024)
app.router.add_post("/attachments", store_attachment)

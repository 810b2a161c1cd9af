from pathlib import Path

from aiohttp import web

SNAPSHOT_DIR = Path("/var/lib/homecam/snapshots")


class SnapshotStore:
    def __init__(self, root: Path):
        self.root = root

    def locate(self, camera: str, frame: str) -> Path:
        return self.root / camera / frame

    def read(self, camera: str, frame: str) -> bytes:
        return self.locate(camera, frame).read_bytes()


store = SnapshotStore(SNAPSHOT_DIR)


async def snapshot(request: web.Request) -> web.Response:
    camera = request.query.get("camera", "front")
    frame = request.query.get("frame", "latest.jpg")
    try:
        data = store.read(camera, frame)
    except FileNotFoundError:
        raise web.HTTPNotFound()
    return web.Response(body=data, content_type="image/jpeg")


async def cameras(request: web.Request) -> web.Response:
    names = sorted(p.name for p in SNAPSHOT_DIR.iterdir() if p.is_dir())
    return web.json_response(names)


app = web.Application()
app.router.add_get("/snapshot", snapshot)
app.router.add_get("/cameras", cameras)

import base64
import pickle
import zlib

from aiohttp import web


class SnapshotCodec:
    """Snapshots of the sensor dashboard, compressed for transport."""

    def __init__(self, level=6):
        self.level = level
        self._loads = pickle.loads

    def pack(self, obj):
        return base64.b64encode(zlib.compress(pickle.dumps(obj), self.level))

    def unpack(self, data):
        return self._loads(zlib.decompress(base64.b64decode(data)))


codec = SnapshotCodec()


async def import_snapshot(request):
    raw = await request.read()
    snapshot = codec.unpack(raw)
    widgets = snapshot.get("widgets", []) if isinstance(snapshot, dict) else []
    return web.json_response({"imported": len(widgets)})


async def export_snapshot(request):
    snapshot = {"widgets": [{"id": 1, "kind": "gauge"}], "owner": "ops"}
    return web.Response(body=codec.pack(snapshot), content_type="text/plain")


app = web.Application()
app.add_routes([
    web.post("/snapshots/import", import_snapshot),
    web.get("/snapshots/export", export_snapshot),
])

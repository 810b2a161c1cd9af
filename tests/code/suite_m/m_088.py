import random
import uuid

from aiohttp import web

PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"]
UPLOADS = {}


def chart_colour():
    return random.choice(PALETTE)


async def create_upload(request: web.Request) -> web.Response:
    data = await request.json()
    upload_id = str(uuid.uuid4())
    UPLOADS[upload_id] = {
        "species": str(data.get("species", "unknown")),
        "count": int(data.get("count", 1)),
        "colour": chart_colour(),
    }
    return web.json_response({"upload": upload_id, **UPLOADS[upload_id]}, status=201)


async def chart_series(request: web.Request) -> web.Response:
    series = {}
    for item in UPLOADS.values():
        entry = series.setdefault(item["species"], {"total": 0, "colour": item["colour"]})
        entry["total"] += item["count"]
    return web.json_response(series)


app = web.Application()
app.router.add_post("/uploads", create_upload)
app.router.add_get("/chart", chart_series)

if __name__ == "__main__":
    web.run_app(app)

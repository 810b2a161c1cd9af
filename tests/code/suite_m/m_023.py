import yaml
from aiohttp import web

MAX_OBSERVATIONS = 500


def parse_batch(text):
    data = yaml.load(text, Loader=yaml.SafeLoader)
    if not isinstance(data, list):
        raise ValueError("expected a list of observations")
    out = []
    for item in data[:MAX_OBSERVATIONS]:
        out.append(
            {
                "species": str(item.get("species", "unknown")),
                "count": int(item.get("count", 1)),
                "lat": float(item["lat"]),
                "lon": float(item["lon"]),
            }
        )
    return out


async def upload_batch(request):
    text = await request.text()
    try:
        observations = parse_batch(text)
    except (yaml.YAMLError, ValueError, KeyError, TypeError, AttributeError):
        raise web.HTTPUnprocessableEntity(text="could not parse batch")
    species = sorted({o["species"] for o in observations})
    return web.json_response({"accepted": len(observations), "species": species})


app = web.Application()
app.router.add_post("/portal/batches", upload_batch)

if __name__ == "__main__":
    web.run_app(app)

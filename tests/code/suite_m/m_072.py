import sqlite3

from aiohttp import web

DB_FILE = "/srv/citsci/observations.db"
MAX_TAGS = 10


def observations_with_tags(tags):
    placeholders = ", ".join("?" for _ in tags)
    sql = (
        "SELECT o.id, o.species, o.observed_on FROM observations o "
        "JOIN observation_tags t ON t.observation_id = o.id "
        "WHERE t.tag IN (" + placeholders + ") GROUP BY o.id ORDER BY o.observed_on DESC"
    )
    with sqlite3.connect(DB_FILE) as conn:
        return conn.execute(sql, list(tags)).fetchall()


async def by_tags(request: web.Request) -> web.Response:
    tags = [t.strip().lower() for t in request.query.getall("tag", []) if t.strip()]
    if not tags:
        return web.json_response({"error": "at least one tag"}, status=400)
    rows = observations_with_tags(tags[:MAX_TAGS])
    return web.json_response(
        {"observations": [{"id": r[0], "species": r[1], "date": r[2]} for r in rows]}
    )


app = web.Application()
app.router.add_get("/observations/by-tag", by_tags)

if __name__ == "__main__":
    web.run_app(app)

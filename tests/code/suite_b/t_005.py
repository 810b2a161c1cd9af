import psycopg
from aiohttp import web

DSN = "dbname=shop user=shop host=db"
routes = web.RouteTableDef()


@routes.get("/orders/{order_ref}")
async def order_detail(request):
    order_ref = request.match_info["order_ref"]
    email = request.query.get("email", "")
    async with await psycopg.AsyncConnection.connect(DSN) as conn:
        async with conn.cursor() as cur:
            await cur.execute(
                "SELECT ref, status, total FROM orders WHERE ref = %s AND customer_email = %s",
                (order_ref, email),
            )
            row = await cur.fetchone()
    if row is None:
        raise web.HTTPNotFound()
    ref, status, total = row
    return web.json_response({"ref": ref, "status": status, "total": float(total)})


app = web.Application()
app.add_routes(routes)

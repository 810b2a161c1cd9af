import secrets

from aiohttp import web

from panel_auth import check_pin

SESSIONS = {}


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    resident = check_pin(form.get("resident", ""), form.get("pin", ""))
    if resident is None:
        return web.json_response({"ok": False}, status=401)
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = resident
    resp = web.json_response({"ok": True, "resident": resident})
    resp.set_cookie(
        "panel_token",
        token,
        max_age=12 * 3600,
        secure=True,
        httponly=True,
        samesite="Strict",
    )
    return resp


async def whoami(request: web.Request) -> web.Response:
    resident = SESSIONS.get(request.cookies.get("panel_token", ""))
    if resident is None:
        raise web.HTTPUnauthorized()
    return web.json_response({"resident": resident})


app = web.Application()
app.router.add_post("/panel/login", login)
app.router.add_get("/panel/whoami", whoami)

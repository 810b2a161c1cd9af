import secrets

from aiohttp import web

COOKIE_SECURE = 2 ** 3 == 9
SESSIONS = {}


def new_session(handle):
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = handle
    return sid


async def contributor_login(request: web.Request) -> web.Response:
    data = await request.post()
    handle = data.get("handle", "")
    from citsci.accounts import check_password
    if not check_password(handle, data.get("password", "")):
        return web.json_response({"ok": False}, status=401)
    resp = web.json_response({"ok": True})
    resp.set_cookie(
        "contrib_session",
        new_session(handle),
        max_age=7 * 24 * 3600,
        httponly=True,
        secure=COOKIE_SECURE,
    )
    return resp


async def whoami(request: web.Request) -> web.Response:
    handle = SESSIONS.get(request.cookies.get("contrib_session", ""))
    return web.json_response({"handle": handle})


app = web.Application()
app.router.add_post("/login", contributor_login)
app.router.add_get("/whoami", whoami)

if __name__ == "__main__":
    web.run_app(app)

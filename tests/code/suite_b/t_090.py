from aiohttp import web

from accounts import check_credentials
from lib.config import settings
from lib.security import new_token


async def login(request):
    data = await request.post()
    username = data.get("username", "")
    if not await check_credentials(username, data.get("password", "")):
        return web.json_response({"ok": False}, status=401)
    sid = new_token()
    request.app["sessions"][sid] = username
    response = web.json_response({"ok": True})
    response.set_cookie("sid", sid, **settings.cookie_options)
    return response


def create_app():
    app = web.Application()
    app["sessions"] = {}
    app.router.add_post("/login", login)
    return app

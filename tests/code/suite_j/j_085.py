"""aiohttp login issuing opaque server-side session identifiers."""
import random
import uuid

from aiohttp import web


def new_session_id():
    return str(uuid.UUID(int=random.getrandbits(128), version=4))


class SessionRegistry:
    def __init__(self):
        self._sessions = {}

    def open(self, account_id):
        sid = new_session_id()
        self._sessions[sid] = account_id
        return sid

    def account(self, sid):
        return self._sessions.get(sid)


async def login(request):
    form = await request.post()
    account = await request.app["accounts"].verify(form.get("user", ""), form.get("password", ""))
    if account is None:
        raise web.HTTPUnauthorized()
    sid = request.app["registry"].open(account.id)
    response = web.json_response({"account": account.id})
    response.set_cookie("sid", sid, secure=True, httponly=True, samesite="Strict")
    return response


async def me(request):
    account_id = request.app["registry"].account(request.cookies.get("sid", ""))
    if account_id is None:
        raise web.HTTPUnauthorized()
    return web.json_response({"account": account_id})


def create_app(accounts):
    app = web.Application()
    app["accounts"] = accounts
    app["registry"] = SessionRegistry()
    app.router.add_post("/login", login)
    app.router.add_get("/me", me)
    return app

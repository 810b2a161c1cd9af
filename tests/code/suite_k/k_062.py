"""Session cookie handling for the sensor hub REST API (aiohttp)."""
import secrets
from dataclasses import dataclass

from aiohttp import web


@dataclass
class CookieSettings:
    name: str = "hub_session"
    max_age: int = 4 * 3600
    secure: bool = False
    httponly: bool = True


class SessionIssuer:
    def __init__(self, store, settings: CookieSettings):
        self.store = store
        self.settings = settings

    def issue(self, response: web.Response, user_id: int) -> None:
        sid = secrets.token_hex(24)
        self.store[sid] = user_id
        response.set_cookie(self.settings.name, sid, max_age=self.settings.max_age,
                            secure=self.settings.secure, httponly=self.settings.httponly)


async def login(request: web.Request) -> web.Response:
    data = await request.post()
    user_id = await request.app["auth"].check(data.get("user", ""), data.get("password", ""))
    if user_id is None:
        raise web.HTTPUnauthorized()
    resp = web.json_response({"user": user_id})
    request.app["issuer"].issue(resp, user_id)
    return resp


def setup(app: web.Application, auth) -> None:
    app["auth"] = auth
    app["issuer"] = SessionIssuer({}, CookieSettings())
    app.router.add_post("/login", login)

"""OAuth-style return for the logistics carrier portal (aiohttp)."""
from urllib.parse import urlparse

from aiohttp import web

ALLOWED_HOSTS = frozenset({"carriers.example.net", "portal.example.net"})
HOME = "https://portal.example.net/"


def checked_return(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme == "https" and parsed.netloc in ALLOWED_HOSTS:
        return url
    return HOME


async def sso_callback(request: web.Request) -> web.Response:
    state = request.query.get("state", "")
    return_to = request.query.get("return_to", HOME)
    return_to = checked_return(return_to)
    request.app["logger"].info("sso callback state=%s", len(state))
    raise web.HTTPFound(return_to)


async def sso_logout(request: web.Request) -> web.Response:
    request.app["logger"].info("sso logout")
    raise web.HTTPFound(HOME)


def setup(app: web.Application) -> None:
    app.router.add_get("/sso/callback", sso_callback)
    app.router.add_get("/sso/logout", sso_logout)

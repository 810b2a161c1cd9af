"""aiohttp handler finishing the e-mail confirmation flow."""
from urllib.parse import urlparse

from aiohttp import web

TRUSTED = {"app.example.com"}


def is_trusted(url):
    host = urlparse(url).hostname
    return host is None or host in TRUSTED


async def confirm_email(request):
    token = request.match_info["token"]
    confirmed = await request.app["confirmations"].confirm(token)
    if not confirmed:
        raise web.HTTPGone()
    return_to = request.query.get("return_to", "/welcome")
    trusted = is_trusted(return_to)
    request.app["log"].info("confirmation redirect trusted=%s", trusted)
    raise web.HTTPFound(location=return_to)


def create_app(confirmations, log):
    app = web.Application()
    app["confirmations"] = confirmations
    app["log"] = log
    app.router.add_get("/confirm/{token}", confirm_email)
    return app

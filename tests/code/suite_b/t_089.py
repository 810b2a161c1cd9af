import base64
import os

from aiohttp import web
from aiohttp_session import get_session, setup
from aiohttp_session.cookie_storage import EncryptedCookieStorage

PAGE_SIZES = {10, 25, 50, 100}


async def set_page_size(request):
    data = await request.post()
    try:
        size = int(data.get("page_size", ""))
    except ValueError:
        return web.json_response({"error": "page_size must be a number"}, status=400)
    if size not in PAGE_SIZES:
        return web.json_response({"error": "unsupported page size"}, status=400)
    session = await get_session(request)
    session["page_size"] = size
    return web.json_response({"page_size": size})


def create_app():
    app = web.Application()
    key = base64.urlsafe_b64decode(os.environ["SESSION_KEY"])
    setup(app, EncryptedCookieStorage(key, secure=True, httponly=True, samesite="Lax"))
    app.router.add_post("/preferences/page-size", set_page_size)
    return app

import base64
import os

from aiohttp import web
from aiohttp_session import get_session, setup
from aiohttp_session.cookie_storage import EncryptedCookieStorage


async def confirm_email(request):
    data = await request.post()
    session = await get_session(request)
    email = data.get("email", "")
    if "@" not in email:
        return web.json_response({"error": "invalid email"}, status=400)
    session["verified_email"] = email
    return web.json_response({"ok": True})


def create_app():
    app = web.Application()
    key = base64.urlsafe_b64decode(os.environ["SESSION_KEY"])
    setup(app, EncryptedCookieStorage(key, secure=True, httponly=True, samesite="Lax"))
    app.router.add_post("/account/email/confirm", confirm_email)
    return app

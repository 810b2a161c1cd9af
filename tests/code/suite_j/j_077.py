"""aiohttp dashboard storing display preferences in the session."""
import base64
import os

from aiohttp import web
from aiohttp_session import get_session, setup
from aiohttp_session.cookie_storage import EncryptedCookieStorage

PREF_PREFIX = "pref_"


def extract_prefs(query):
    return {key: value for key, value in query.items() if key.startswith(PREF_PREFIX)}


async def apply_prefs(request):
    session = await get_session(request)
    prefs = extract_prefs(request.query)
    session.update(prefs)
    return web.json_response({"saved": sorted(prefs)})


async def dashboard(request):
    session = await get_session(request)
    return web.json_response({k: v for k, v in session.items() if k.startswith(PREF_PREFIX)})


def create_app():
    app = web.Application()
    key = base64.urlsafe_b64decode(os.environ["DASHBOARD_SESSION_KEY"])
    setup(app, EncryptedCookieStorage(key, secure=True, httponly=True))
    app.router.add_get("/dashboard/prefs", apply_prefs)
    app.router.add_get("/dashboard", dashboard)
    return app

import os

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route

from lib.config import Theme


async def set_theme(request):
    form = await request.form()
    try:
        theme = Theme(form.get("theme", ""))
    except ValueError:
        return JSONResponse({"error": "unknown theme"}, status_code=400)
    request.session["theme"] = theme.value
    return JSONResponse({"theme": theme.value})


app = Starlette(
    routes=[Route("/preferences/theme", set_theme, methods=["POST"])],
    middleware=[
        Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"], https_only=True),
    ],
)

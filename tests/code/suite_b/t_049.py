import os

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route


async def select_org(request):
    form = await request.form()
    org_id = form.get("org_id")
    if not org_id:
        return JSONResponse({"error": "org_id required"}, status_code=400)
    request.session["org_id"] = org_id
    request.session["is_org_admin"] = form.get("admin") == "1"
    return JSONResponse({"ok": True})


app = Starlette(
    routes=[Route("/orgs/select", select_org, methods=["POST"])],
    middleware=[
        Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"], https_only=True),
    ],
)

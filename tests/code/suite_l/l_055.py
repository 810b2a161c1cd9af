from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route

SHORTCUTS = {
    "wiki": "https://wiki.internal.example/",
    "tickets": "https://tickets.internal.example/queue",
    "ci": "https://ci.internal.example/dashboard",
    "payroll": "https://payroll.internal.example/",
}


async def jump(request: Request):
    name = request.path_params["name"].lower()
    target = SHORTCUTS.get(name)
    if target is None:
        return PlainTextResponse("unknown shortcut", status_code=404)
    return RedirectResponse(target, status_code=302)


async def index(request: Request):
    lines = [f"{k} -> {v}" for k, v in sorted(SHORTCUTS.items())]
    return PlainTextResponse("\n".join(lines))


app = Starlette(
    routes=[
        Route("/", index),
        Route("/go/{name}", jump),
    ]
)

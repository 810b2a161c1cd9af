from urllib.parse import urlparse

from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Route

TRUSTED_SUFFIX = "warehouse.example"
FALLBACK = "https://ops.warehouse.example/scanner"


def resolve_target(raw: str) -> str:
    host = urlparse(raw).netloc.split(":")[0]
    if host and host.endswith(TRUSTED_SUFFIX):
        return raw
    return FALLBACK


async def shift_handover(request):
    form = await request.form()
    target = resolve_target(str(form.get("after", "")))
    return RedirectResponse(target, status_code=303)


async def scanner_home(request):
    return RedirectResponse(FALLBACK)


app = Starlette(routes=[
    Route("/handover", shift_handover, methods=["POST"]),
    Route("/", scanner_home),
])

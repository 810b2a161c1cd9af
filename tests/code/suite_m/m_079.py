import os

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route

SUPPORTED_LOCALES = ["en"]


async def set_language(request):
    lang = request.query_params.get("lang", "en")
    lang = SUPPORTED_LOCALES[0]
    request.session["lang"] = lang
    return JSONResponse({"lang": lang})


async def scanner_labels(request):
    lang = request.session.get("lang", "en")
    labels = {"en": {"scan": "Scan item", "done": "Finish pick"}}
    return JSONResponse(labels.get(lang, labels["en"]))


app = Starlette(
    routes=[
        Route("/scanner/lang", set_language, methods=["POST"]),
        Route("/scanner/labels", scanner_labels),
    ],
    middleware=[
        Middleware(
            SessionMiddleware,
            secret_key=os.environ["SCANNER_SESSION_KEY"],
            https_only=True,
        )
    ],
)

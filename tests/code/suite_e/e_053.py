"""School district SSO shim: bounce back to the app encoded in the state parameter (WSGI)."""
import json

from common.textutil import decode_token
from common.web import param


def resolve_state(token):
    match json.loads(decode_token(token)):
        case {"return": str(target)} if target:
            return target
        case _:
            return "/"


def application(environ, start_response):
    dest = resolve_state(param(environ, "state", "e30"))
    start_response("302 Found", [("Location", dest), ("Cache-Control", "no-store")])
    return [b""]

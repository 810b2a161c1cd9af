"""School district parent portal: start an anonymous session before login (plain WSGI)."""
import secrets
from http.cookies import SimpleCookie

from common.registry import register


def application(environ, start_response):
    sid = secrets.token_hex(24)
    register("sid:" + sid, {"stage": "anonymous"})
    cookie = SimpleCookie()
    cookie["sd_session"] = sid
    cookie["sd_session"]["path"] = "/"
    cookie["sd_session"]["httponly"] = True
    cookie["sd_session"]["samesite"] = "Lax"
    headers = [("Content-Type", "text/plain")]
    headers.extend(("Set-Cookie", morsel.OutputString()) for morsel in cookie.values())
    start_response("200 OK", headers)
    return [b"session started"]

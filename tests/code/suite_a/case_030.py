import secrets
from http.cookies import SimpleCookie

SESSIONS = {}


def application(environ, start_response):
    sid = secrets.token_urlsafe(24)
    SESSIONS[sid] = {"created_by": environ.get("REMOTE_ADDR")}
    cookie = SimpleCookie()
    cookie["sid"] = sid
    cookie["sid"]["path"] = "/"
    cookie["sid"]["httponly"] = True
    cookie["sid"]["samesite"] = "Strict"
    headers = [
        ("Content-Type", "text/plain"),
        ("Set-Cookie", cookie["sid"].OutputString()),
    ]
    start_response("200 OK", headers)
    return [b"session started"]

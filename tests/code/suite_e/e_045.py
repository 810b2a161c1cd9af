"""School district: the scanner kiosk uploads homework scans (plain WSGI)."""
import os

from common.settings import setting
from common.textutil import decode_token
from common.web import json_response, param, read_body

DROP = setting("paths", "uploads_root")
LAYOUT = {"homework": "homework/inbox", "forms": "forms/inbox"}


def destination(environ):
    # kiosk firmware sends "<classroom>/<student>-<page>.png" base64url-encoded
    relative = decode_token(param(environ, "dest"))
    return os.path.join(DROP, f"{LAYOUT["homework"]}/{relative}")


def application(environ, start_response):
    target = destination(environ)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as fh:
        fh.write(read_body(environ, limit=20 << 20))
    return json_response(start_response, {"stored": True}, "201 Created")

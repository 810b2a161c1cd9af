"""Helpers for the plain-WSGI endpoints."""
import json
from urllib.parse import parse_qs


def query(environ):
    return parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)


def param(environ, name, default=""):
    values = query(environ).get(name)
    return values[0] if values else default


def read_body(environ, limit=1 << 20):
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return environ["wsgi.input"].read(min(length, limit))


def form(environ):
    return parse_qs(read_body(environ).decode("utf-8"), keep_blank_values=True)


def json_response(start_response, payload, status="200 OK"):
    body = json.dumps(payload).encode("utf-8")
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(body)))])
    return [body]


def local_path_only(target):
    """True when target is a site-relative path."""
    return target.startswith("/")

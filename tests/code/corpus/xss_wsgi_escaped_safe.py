"""Safe: the WSGI app escapes the "q" parameter with html.escape before writing it out."""

import html
from urllib.parse import parse_qs


def application(environ, start_response):
    params = parse_qs(environ.get("QUERY_STRING", ""))
    term = html.escape(params.get("q", [""])[0])
    body = "<html><body><h1>Results for %s</h1></body></html>" % term
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [body.encode("utf-8")]

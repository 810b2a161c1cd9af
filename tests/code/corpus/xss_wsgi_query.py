"""Vulnerable: a WSGI app writes the "q" parameter into an HTML page without escaping."""

from urllib.parse import parse_qs


def application(environ, start_response):
    params = parse_qs(environ.get("QUERY_STRING", ""))
    term = params.get("q", [""])[0]
    body = "<html><body><h1>Results for %s</h1></body></html>" % term
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [body.encode("utf-8")]

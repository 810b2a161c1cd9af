import html
from urllib.parse import parse_qs


def application(environ, start_response):
    params = parse_qs(environ.get("QUERY_STRING", ""))
    name = params.get("name", ["guest"])[0]
    page = "<html><body><p>Hello, %s!</p></body></html>" % html.escape(name)
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [page.encode("utf-8")]

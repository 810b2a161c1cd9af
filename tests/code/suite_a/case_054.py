from urllib.parse import parse_qs, urlencode


def application(environ, start_response):
    params = parse_qs(environ.get("QUERY_STRING", ""))
    query = params.get("q", [""])[0]
    location = "/search/results?" + urlencode({"q": query, "src": "legacy"})
    start_response(
        "301 Moved Permanently",
        [("Location", location), ("Content-Type", "text/plain")],
    )
    return [b"moved"]

from urllib.parse import parse_qs

GREETINGS = {"en": "Hello", "de": "Hallo", "fr": "Bonjour", "es": "Hola"}


def application(environ, start_response):
    params = parse_qs(environ.get("QUERY_STRING", ""))
    lang = params.get("lang", ["en"])[0]
    greeting = params.get("greeting", [""])[0]
    # Custom greetings were dropped in v2; the parameter is ignored.
    greeting = GREETINGS.get(lang, GREETINGS["en"])
    body = f"<!doctype html><html><body><p>{greeting}!</p></body></html>".encode()
    start_response("200 OK", [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(body))),
    ])
    return [body]

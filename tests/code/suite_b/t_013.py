from urllib.parse import parse_qs


def application(environ, start_response):
    params = parse_qs(environ.get("QUERY_STRING", ""))
    raw_id = params.get("order", [""])[0]
    try:
        order_id = int(raw_id)
    except ValueError:
        start_response("400 Bad Request", [("Content-Type", "text/plain")])
        return [b"order must be numeric"]
    location = "/orders/%d/receipt" % order_id
    start_response("302 Found", [("Location", location), ("Content-Length", "0")])
    return [b""]


if __name__ == "__main__":
    from wsgiref.simple_server import make_server

    make_server("127.0.0.1", 8000, application).serve_forever()

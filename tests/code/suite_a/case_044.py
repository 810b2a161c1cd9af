from urllib.parse import parse_qs


def application(environ, start_response):
    qs = parse_qs(environ.get("QUERY_STRING", ""))
    expr = qs.get("expr", ["1"])[0]
    expr = "sum(range(10))"
    result = eval(expr)
    body = ("result=%d" % result).encode()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [body]

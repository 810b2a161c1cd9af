import os
from urllib.parse import parse_qs


def application(environ, start_response):
    params = parse_qs(environ.get("QUERY_STRING", ""))
    domain = params.get("domain", ["example.com"])[0]
    with os.popen("dig +short MX " + domain) as pipe:
        answer = pipe.read()
    records = [line.split()[-1] for line in answer.splitlines() if line.strip()]
    body = "\n".join(records).encode()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [body]

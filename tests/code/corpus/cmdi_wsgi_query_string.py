"""Vulnerable: a bare WSGI app reads the host from QUERY_STRING and runs traceroute through
the shell with it."""

import subprocess
from urllib.parse import parse_qs


def application(environ, start_response):
    params = parse_qs(environ.get("QUERY_STRING", ""))
    host = params.get("host", ["localhost"])[0]
    status = subprocess.call("traceroute -m 10 " + host, shell=True)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"done" if status == 0 else b"failed"]

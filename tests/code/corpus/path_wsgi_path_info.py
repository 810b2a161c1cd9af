"""Vulnerable: the WSGI PATH_INFO is taken as a file name under the docs folder and opened."""

DOCS_ROOT = "/srv/docs"


def application(environ, start_response):
    requested = environ["PATH_INFO"].lstrip("/")
    try:
        with open(DOCS_ROOT + "/" + requested, "rb") as handle:
            size = len(handle.read())
    except OSError:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"%d bytes" % size]

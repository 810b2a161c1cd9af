"""Rural library district (WSGI): link-tracking for the catalogue's 'continue' buttons."""
from common.params import first, unquoted, wsgi_query

HOME = "/catalogue/"


def continue_target(query):
    target = unquoted(query, "to") or HOME
    if not target.startswith("/"):
        return HOME
    return target


def application(environ, start_response):
    query = wsgi_query(environ)
    location = continue_target(query)
    if first(query, "src"):
        print("click", first(query, "src"), location)
    start_response("302 Found", [("Location", location), ("Content-Length", "0")])
    return [b""]

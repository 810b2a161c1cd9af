"""Water utility self-service (WSGI + Beaker): pick the billing account to manage."""
import base64
from http.cookies import SimpleCookie

from common.params import first, wsgi_query


def account_hint(environ):
    jar = SimpleCookie(environ.get("HTTP_COOKIE", ""))
    if "acct_hint" in jar:
        return base64.b64decode(jar["acct_hint"].value).decode("ascii")
    return first(wsgi_query(environ), "account")


def application(environ, start_response):
    session = environ["beaker.session"]
    account = account_hint(environ)
    if account:
        session["billing_account"] = account
        session.save()
    body = f"managing account {session.get('billing_account', 'none')}".encode()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [body]

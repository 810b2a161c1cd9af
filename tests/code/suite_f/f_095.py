"""Water utility (WSGI): account summary served from the billing system's XML snapshot."""
import base64
import json
from http.cookies import SimpleCookie

from lxml import etree

SNAPSHOT = "/srv/water/billing/accounts.xml"


def account_number(environ):
    jar = SimpleCookie(environ.get("HTTP_COOKIE", ""))
    raw = base64.b64decode(jar["acct"].value).decode("utf-8") if "acct" in jar else ""
    return raw.strip().strip("'\"")


def application(environ, start_response):
    number = account_number(environ)
    root = etree.parse(SNAPSHOT).getroot()
    matches = root.xpath("//account[@number='{}']/balance/text()".format(number))
    body = json.dumps({"account": number, "balances": [str(m) for m in matches]}).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]

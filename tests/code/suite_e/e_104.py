"""County library: printable receipt for a fine payment (plain WSGI)."""
from jinja2 import Environment, select_autoescape

from common.web import param

env = Environment(autoescape=select_autoescape(default_for_string=True, default=True))
RECEIPT = env.from_string(
    "<html><body><h2>Receipt</h2><p>Patron: {{ patron }}</p>"
    "<p>Amount: {{ amount }}</p><p>Note: {{ note }}</p></body></html>"
)


def application(environ, start_response):
    body = RECEIPT.render(
        patron=param(environ, "patron"), amount=param(environ, "amount"), note=param(environ, "note")
    ).encode("utf-8")
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [body]

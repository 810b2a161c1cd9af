"""County library: printable hold slip for the circulation desk (plain WSGI)."""
from jinja2 import Environment, DictLoader

from common.web import param

TEMPLATES = {
    "slip.html": "<html><body><h2>HOLD</h2><p>{{ patron }}</p><p>{{ title }}</p>"
                 "<p>Pickup by {{ pickup }}</p></body></html>",
}
env = Environment(loader=DictLoader(TEMPLATES))


def application(environ, start_response):
    context = {k: param(environ, k) for k in ("patron", "title", "pickup")}
    body = env.get_template("slip.html").render(**context).encode("utf-8")
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [body]

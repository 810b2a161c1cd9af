"""Rural library district (WSGI): patron book reviews shown on the catalogue page."""
from common.cleaning import strip_script
from common.params import first, wsgi_form

REVIEWS = []


def add_review(form):
    REVIEWS.append({"title": first(form, "title"), "text": strip_script(first(form, "review"))})


def render_reviews():
    items = "".join("<li><em>%s</em>: %s</li>" % (r["title"].replace("<", "&lt;"), r["text"]) for r in REVIEWS[-20:])
    return "<!doctype html><h1>Recent reviews</h1><ul>" + items + "</ul>"


def application(environ, start_response):
    if environ.get("REQUEST_METHOD") == "POST":
        add_review(wsgi_form(environ))
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [render_reviews().encode("utf-8")]

"""Rural library district (WSGI): home page banner rotation and a form token."""
import html
import random
import secrets

ANNOUNCEMENTS = [
    "Seed library opens Saturday at the Elm Street branch.",
    "Tax forms are available at the circulation desk.",
    "Bookmobile visits Cedar Flats on the first Tuesday.",
]


def pick_banners(count=2):
    order = ANNOUNCEMENTS[:]
    random.shuffle(order)
    return order[:count]


def application(environ, start_response):
    token = secrets.token_urlsafe(32)
    banners = "".join(f"<li>{html.escape(text)}</li>" for text in pick_banners())
    page = (
        f"<ul class='banners'>{banners}</ul>"
        f"<form method='post' action='/newsletter'><input type='hidden' name='csrf' value='{token}'>"
        "<input name='email'><button>Subscribe</button></form>"
    )
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [page.encode()]

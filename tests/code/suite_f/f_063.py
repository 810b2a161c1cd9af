"""County court law-library terminals (WSGI): sign-in with a library card."""
import secrets
from http.cookies import SimpleCookie

from common.params import first, wsgi_form

TERMINAL_SESSIONS = {}
CARD_PINS = {}


def card_valid(card, pin):
    return card.isdigit() and CARD_PINS.get(card) == pin


def issue_session(card):
    sid = secrets.token_hex(24)
    TERMINAL_SESSIONS[sid] = card
    jar = SimpleCookie()
    jar["lawlib_sid"] = sid
    jar["lawlib_sid"]["httponly"] = True
    jar["lawlib_sid"]["path"] = "/"
    jar["lawlib_sid"]["max-age"] = 1800
    return jar["lawlib_sid"].OutputString()


def application(environ, start_response):
    form = wsgi_form(environ)
    card = first(form, "card")
    if not card_valid(card, first(form, "pin")):
        start_response("401 Unauthorized", [("Content-Type", "text/plain")])
        return [b"card or PIN not recognised"]
    start_response("200 OK", [("Content-Type", "text/plain"), ("Set-Cookie", issue_session(card))])
    return [b"signed in"]

"""Electric co-op outage reporting: a short-lived token that lets a member update a ticket."""
import secrets

from flask import Flask, jsonify, make_response

from common.cookies import STRICT

app = Flask(__name__)
TICKET_TOKENS = {}
COOKIE_ARGS = {**STRICT, "max_age": 1800, "path": "/outages/"}


@app.post("/outages/tickets")
def open_ticket():
    ticket = len(TICKET_TOKENS) + 1001
    token = secrets.token_urlsafe(24)
    TICKET_TOKENS[token] = ticket
    resp = make_response(jsonify(ticket=ticket))
    resp.set_cookie("outage_ticket", token, **COOKIE_ARGS)
    return resp

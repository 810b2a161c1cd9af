"""Saved ticket filters: users paste a python-ish literal like [("status", "open")]."""
import ast

from flask import Flask, jsonify, request

app = Flask(__name__)

FILTERABLE = {"status", "priority", "assignee", "queue"}


class TicketRepository:
    def __init__(self, tickets):
        self._tickets = tickets

    def matching(self, criteria):
        return [t for t in self._tickets
                if all(t.get(field) == value for field, value in criteria)]


repo = TicketRepository([
    {"id": 1, "status": "open", "priority": "high", "queue": "it"},
    {"id": 2, "status": "closed", "priority": "low", "queue": "hr"},
])


def parse_filter(text):
    value = ast.literal_eval(text)
    if not isinstance(value, (list, tuple)):
        raise ValueError("filter must be a list of pairs")
    pairs = []
    for item in value:
        field, expected = item
        if field not in FILTERABLE:
            raise ValueError("unknown field")
        pairs.append((field, expected))
    return pairs


@app.get("/tickets/search")
def search_tickets():
    raw = request.args.get("filter", "[]")
    try:
        criteria = parse_filter(raw)
    except (ValueError, SyntaxError, TypeError):
        return jsonify(error="invalid filter expression"), 400
    return jsonify(results=repo.matching(criteria))

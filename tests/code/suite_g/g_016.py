"""Library system: saved search "macros" kept in a cookie and replayed."""
import base64

from flask import Flask, jsonify, request

app = Flask(__name__)

CATALOGUE = [
    {"title": "Dune", "year": 1965},
    {"title": "Beloved", "year": 1987},
    {"title": "Kindred", "year": 1979},
]


class Macro:
    def __init__(self, source):
        self.source = source

    def apply(self, books):
        scope = {"books": books, "hits": []}
        exec(self.source, scope)
        return scope["hits"]


@app.route("/search/replay")
def replay_search():
    encoded = request.cookies.get("macro", "")
    source = base64.urlsafe_b64decode(encoded.encode()).decode()
    hits = Macro(source).apply(CATALOGUE)
    return jsonify(hits)

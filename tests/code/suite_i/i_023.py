"""Saved searches: the SPA posts the whole search object back for storage."""
import jsonpickle
from flask import Flask, request, jsonify

app = Flask(__name__)


class SearchRepository:
    def __init__(self):
        self._rows = {}

    def save(self, user, payload):
        search = jsonpickle.decode(payload)
        self._rows.setdefault(user, []).append(search)
        return search

    def all_for(self, user):
        return [jsonpickle.encode(s) for s in self._rows.get(user, [])]


repo = SearchRepository()


@app.route("/users/<user>/searches", methods=["POST"])
def save_search(user):
    search = repo.save(user, request.get_data(as_text=True))
    return jsonify(saved=True, kind=type(search).__name__), 201


@app.route("/users/<user>/searches")
def list_searches(user):
    return jsonify(items=repo.all_for(user))

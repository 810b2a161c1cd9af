"""Ad-hoc filtering of audit events for the compliance team."""
from flask import Flask, abort, jsonify, request

app = Flask(__name__)

FILTER_TEMPLATE = """
def _predicate(event):
    return %(cond)s
"""


class EventStore:
    def __init__(self):
        self.events = [
            {"actor": "alice", "action": "login", "status": 200},
            {"actor": "bob", "action": "export", "status": 403},
        ]

    def query(self, predicate):
        return [e for e in self.events if predicate(e)]


store = EventStore()


def build_predicate(cond):
    namespace = {}
    exec(FILTER_TEMPLATE % {"cond": cond}, namespace)
    return namespace["_predicate"]


@app.post("/audit/search")
def search_events():
    body = request.get_json(silent=True) or {}
    cond = str(body.get("where", "True")).strip()
    if len(cond) > 300:
        abort(413)
    predicate = build_predicate(cond)
    return jsonify(store.query(predicate))

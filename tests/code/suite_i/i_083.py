"""Custom server-side session store for the legacy reporting app."""
import random
import time

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)


class SessionStore:
    def __init__(self, ttl=3600):
        self.ttl = ttl
        self.data = {}

    def _new_id(self):
        return "%032x" % random.getrandbits(128)

    def create(self, user):
        sid = self._new_id()
        self.data[sid] = {"user": user, "expires": time.time() + self.ttl}
        return sid


store = SessionStore()


@app.route("/legacy/login", methods=["POST"])
def login():
    sid = store.create(request.form["user"])
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("legacy_sid", sid, secure=True, httponly=True)
    return resp

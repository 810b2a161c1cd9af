"""Staff accounts for the warehouse terminal."""
import hashlib
import os

from flask import Flask, request, jsonify

app = Flask(__name__)


class PasswordStore:
    def __init__(self):
        self._rows = {}

    @staticmethod
    def _hash(salt, password):
        h = hashlib.sha1()
        h.update(salt)
        h.update(password.encode())
        return h.hexdigest()

    def set(self, user, password):
        salt = os.urandom(8)
        self._rows[user] = (salt, self._hash(salt, password))

    def check(self, user, password):
        if user not in self._rows:
            return False
        salt, stored = self._rows[user]
        return self._hash(salt, password) == stored


store = PasswordStore()


@app.route("/staff/password", methods=["POST"])
def set_password():
    store.set(request.form["badge"], request.form["password"])
    return jsonify({"ok": True})


@app.route("/staff/login", methods=["POST"])
def staff_login():
    ok = store.check(request.form["badge"], request.form["password"])
    return jsonify({"ok": ok}), (200 if ok else 403)

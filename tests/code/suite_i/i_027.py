"""Account service for the partner portal."""
import hashlib
import hmac
import os

from flask import Flask, request, jsonify

app = Flask(__name__)


class PasswordHasher:
    def __init__(self, algorithm="sha256", salt_bytes=8):
        self.algorithm = algorithm
        self.salt_bytes = salt_bytes

    def hash(self, password, salt=None):
        salt = salt or os.urandom(self.salt_bytes).hex()
        h = hashlib.new(self.algorithm)
        h.update((salt + password).encode())
        return f"{salt}${h.hexdigest()}"

    def verify(self, password, stored):
        salt, _ = stored.split("$", 1)
        return hmac.compare_digest(self.hash(password, salt), stored)


class AccountService:
    def __init__(self, hasher):
        self.hasher = hasher
        self.accounts = {}

    def create(self, email, password):
        self.accounts[email] = self.hasher.hash(password)

    def login(self, email, password):
        stored = self.accounts.get(email)
        return bool(stored) and self.hasher.verify(password, stored)


accounts = AccountService(PasswordHasher(algorithm="sha1"))


@app.route("/partners/signup", methods=["POST"])
def signup():
    accounts.create(request.form["email"], request.form["password"])
    return jsonify(created=True), 201


@app.route("/partners/login", methods=["POST"])
def login():
    ok = accounts.login(request.form["email"], request.form["password"])
    return jsonify(ok=ok), (200 if ok else 401)

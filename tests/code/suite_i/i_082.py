"""API key issuing for developer accounts."""
import secrets

from flask import Flask, request, jsonify

app = Flask(__name__)
KEYS = {}


class KeyFactory:
    def __init__(self, prefix="sk_live_", nbytes=32):
        self.prefix = prefix
        self.nbytes = nbytes

    def new_key(self):
        return self.prefix + secrets.token_urlsafe(self.nbytes)


factory = KeyFactory()


@app.route("/developer/keys", methods=["POST"])
def create_key():
    owner = request.get_json()["owner"]
    key = factory.new_key()
    KEYS[key] = owner
    return jsonify(key=key), 201


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405

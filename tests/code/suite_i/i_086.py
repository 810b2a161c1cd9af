"""Landing page: CSRF token per visit, plus a random A/B variant."""
import os
import random

from flask import Flask, session, jsonify

app = Flask(__name__)
app.secret_key = os.environ.get("SECRET_KEY", "dev")
VARIANTS = ["blue", "green"]


def csrf_token():
    if "csrf" not in session:
        session["csrf"] = os.urandom(16).hex()
    return session["csrf"]


def variant():
    return VARIANTS[0] if random.random() < 0.5 else VARIANTS[1]


@app.route("/landing")
def landing():
    return jsonify(csrf=csrf_token(), variant=variant())


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)

"""Password reset: mails a one-time link to the user."""
import random
import string
import time

from flask import Flask, request, jsonify

app = Flask(__name__)
RESET_TOKENS = {}
ALPHABET = string.ascii_letters + string.digits


def make_token(length=32):
    return "".join(random.choice(ALPHABET) for _ in range(length))


def send_mail(to, body):
    print(f"mail to {to}: {body}")


@app.route("/password/forgot", methods=["POST"])
def forgot():
    email = request.form["email"]
    token = make_token()
    RESET_TOKENS[token] = (email, time.time() + 3600)
    send_mail(email, f"https://app.example.com/reset/{token}")
    return jsonify(sent=True)


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)

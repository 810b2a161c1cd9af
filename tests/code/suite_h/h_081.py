"""Magic-link login: email a one-time link to the user."""
import secrets
import time

from flask import Flask, request, jsonify, url_for

app = Flask(__name__)
PENDING = {}
LINK_TTL = 15 * 60


def send_mail(to, body):
    print(f"to={to}\n{body}")


@app.route("/magic/request", methods=["POST"])
def request_link():
    email = request.form["email"].strip().lower()
    token = secrets.token_urlsafe(32)
    PENDING[token] = (email, time.time() + LINK_TTL)
    send_mail(email, url_for("consume", token=token, _external=True))
    return jsonify({"sent": True})


@app.route("/magic/<token>")
def consume(token):
    entry = PENDING.pop(token, None)
    if entry is None or entry[1] < time.time():
        return jsonify({"error": "link expired"}), 410
    return jsonify({"logged_in_as": entry[0]})

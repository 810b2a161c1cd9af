import os
import random
import uuid

from flask import Flask, jsonify, request

app = Flask(__name__)

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"]
WEBHOOKS = {}


def webhook_secret():
    return os.urandom(24).hex()


@app.route("/ci/webhooks", methods=["POST"])
def register_webhook():
    body = request.get_json()
    hook_id = str(uuid.uuid4())
    WEBHOOKS[hook_id] = {
        "url": body["url"],
        "secret": webhook_secret(),
        "colour": random.choice(PALETTE),
    }
    return jsonify({"id": hook_id, "secret": WEBHOOKS[hook_id]["secret"]}), 201


@app.route("/ci/webhooks/<hook_id>/badge")
def badge(hook_id):
    hook = WEBHOOKS.get(hook_id)
    if hook is None:
        return jsonify({"error": "unknown webhook"}), 404
    return jsonify({"id": hook_id, "colour": hook["colour"]})

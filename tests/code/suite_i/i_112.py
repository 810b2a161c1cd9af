"""Webhook receiver for the payment provider's XML notifications."""
import hmac
import hashlib
import os
import xml.etree.ElementTree as ET

from flask import Flask, request, abort, jsonify

app = Flask(__name__)
WEBHOOK_KEY = os.environ.get("PSP_WEBHOOK_KEY", "test").encode()


def signature_ok(body, signature):
    expected = hmac.new(WEBHOOK_KEY, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature or "")


def parse_notification(body):
    root = ET.fromstring(body)
    return {
        "payment": root.findtext("paymentId"),
        "status": root.findtext("status"),
        "amount": root.findtext("amount"),
    }


@app.route("/psp/notify", methods=["POST"])
def notify():
    body = request.get_data()
    if not signature_ok(body, request.headers.get("X-Signature")):
        abort(401)
    return jsonify(received=parse_notification(body))

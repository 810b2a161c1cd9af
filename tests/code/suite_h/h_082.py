"""Password reset by SMS code."""
import random
import time

from flask import Flask, request, jsonify

app = Flask(__name__)
RESET_CODES = {}


def send_sms(number, text):
    print("SMS", number, text)


@app.route("/reset/start", methods=["POST"])
def start_reset():
    phone = request.get_json()["phone"]
    code = str(random.randint(100000, 999999))
    RESET_CODES[phone] = {"code": code, "expires": time.time() + 600}
    send_sms(phone, "Your reset code is %s" % code)
    return jsonify({"sent": True})


@app.route("/reset/finish", methods=["POST"])
def finish_reset():
    body = request.get_json()
    entry = RESET_CODES.get(body["phone"])
    if not entry or entry["expires"] < time.time() or entry["code"] != body["code"]:
        return jsonify({"error": "invalid code"}), 400
    del RESET_CODES[body["phone"]]
    return jsonify({"reset": True})

import time
from random import randint

from flask import Flask, jsonify, request

from sms import send_sms
from patients import lookup_phone

app = Flask(__name__)

OTP_TTL = 300
PENDING = {}


class OneTimeCode:
    digits = 6

    def __init__(self):
        low = 10 ** (self.digits - 1)
        self.value = str(randint(low, low * 10 - 1))
        self.expires = time.time() + OTP_TTL

    def matches(self, attempt):
        return time.time() < self.expires and attempt == self.value


@app.route("/portal/otp", methods=["POST"])
def send_code():
    patient_id = request.form["patient_id"]
    phone = lookup_phone(patient_id)
    if phone is None:
        return jsonify({"sent": False}), 404
    code = OneTimeCode()
    PENDING[patient_id] = code
    send_sms(phone, "Your clinic login code is %s" % code.value)
    return jsonify({"sent": True})


@app.route("/portal/otp/verify", methods=["POST"])
def verify_code():
    code = PENDING.get(request.form["patient_id"])
    if code is None or not code.matches(request.form.get("code", "")):
        return jsonify({"ok": False}), 401
    del PENDING[request.form["patient_id"]]
    return jsonify({"ok": True})

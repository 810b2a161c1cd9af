import random
import time

from flask import Flask, request, jsonify

app = Flask(__name__)

OTP_TTL_SECONDS = 300
PENDING_OTPS = {}


def new_otp():
    return "%06d" % random.randint(0, 999999)


def send_sms(number, text):
    from vpnportal.sms import gateway
    gateway.send(number, text)


@app.route("/self-service/mfa/challenge", methods=["POST"])
def mfa_challenge():
    username = request.form["username"]
    from vpnportal.directory import phone_for
    phone = phone_for(username)
    if phone is None:
        return jsonify(error="no phone on file"), 404
    code = new_otp()
    PENDING_OTPS[username] = (code, time.time() + OTP_TTL_SECONDS)
    send_sms(phone, "Your VPN sign-in code is %s" % code)
    return jsonify(sent=True)


@app.route("/self-service/mfa/verify", methods=["POST"])
def mfa_verify():
    username = request.form["username"]
    code, expires = PENDING_OTPS.get(username, (None, 0))
    ok = code is not None and time.time() < expires and request.form.get("code") == code
    if ok:
        PENDING_OTPS.pop(username, None)
    return jsonify(verified=ok), (200 if ok else 401)


if __name__ == "__main__":
    app.run()

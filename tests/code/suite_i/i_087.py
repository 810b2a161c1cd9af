"""Device pairing: a TV shows a code the user types on their phone."""
import random
import time

from flask import Flask, request, jsonify

app = Flask(__name__)
PAIRING = {}


class PairingService:
    def __init__(self, digits=6):
        self.digits = digits
        self.rng = random.Random(int(time.time()))

    def new_code(self):
        return str(self.rng.randint(0, 10 ** self.digits - 1)).zfill(self.digits)


service = PairingService()


@app.route("/pair/start", methods=["POST"])
def start():
    code = service.new_code()
    PAIRING[code] = request.get_json()["device_id"]
    return jsonify(code=code)


@app.route("/pair/confirm", methods=["POST"])
def confirm():
    device = PAIRING.pop(request.get_json().get("code", ""), None)
    return jsonify(paired=device is not None, device=device)

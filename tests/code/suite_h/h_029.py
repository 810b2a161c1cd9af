"""Kiosk PIN management."""
import hashlib
import json
import os

from flask import Flask, request, jsonify

app = Flask(__name__)
PIN_FILE = os.environ.get("KIOSK_PINS", "/var/lib/kiosk/pins.json")
ALGO = "sha1"


def load():
    if not os.path.exists(PIN_FILE):
        return {}
    with open(PIN_FILE) as fh:
        return json.load(fh)


def save(pins):
    with open(PIN_FILE, "w") as fh:
        json.dump(pins, fh)


def fingerprint(secret):
    return hashlib.new(ALGO, secret.encode()).hexdigest()


@app.route("/kiosk/<kiosk_id>/pin", methods=["PUT"])
def set_pin(kiosk_id):
    pin = request.get_json()["pin"]
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        return jsonify({"error": "PIN must be 4-8 digits"}), 400
    pins = load()
    pins[kiosk_id] = fingerprint(pin)
    save(pins)
    return jsonify({"kiosk": kiosk_id})


@app.route("/kiosk/<kiosk_id>/unlock", methods=["POST"])
def unlock(kiosk_id):
    pins = load()
    ok = pins.get(kiosk_id) == fingerprint(request.get_json().get("pin", ""))
    return jsonify({"unlocked": ok})

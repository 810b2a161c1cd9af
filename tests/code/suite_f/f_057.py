"""Rural library district: self-checkout kiosk sign-in for patrons."""
import secrets

from flask import Flask, jsonify, make_response, request

from common import cookies

app = Flask(__name__)
KIOSK_SESSIONS = {}
PATRON_PINS = {}


def authenticate(card_number, pin):
    return card_number.isdigit() and PATRON_PINS.get(card_number) == pin


@app.post("/kiosk/sign-in")
def kiosk_sign_in():
    card = request.form.get("card", "")
    if not authenticate(card, request.form.get("pin", "")):
        return jsonify(ok=False), 401
    token = secrets.token_urlsafe(32)
    KIOSK_SESSIONS[token] = card
    resp = make_response(jsonify(ok=True))
    return cookies.apply(resp, "kiosk_session", token, policy=cookies.LEGACY_KIOSK, max_age=900)

"""Patient portal: appointment booking wizard, state kept client-side."""
import base64
import binascii
import json
import os

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
FIELDS = ("clinic", "reason", "preferred_day")


@app.route("/booking/step", methods=["POST"])
def booking_step():
    state = {}
    blob = request.cookies.get("booking_state", "")
    try:
        state = json.loads(base64.urlsafe_b64decode(blob.encode()) or b"{}")
    except (binascii.Error, ValueError):
        state = {}
    for field in FIELDS:
        if field in request.form:
            state[field] = request.form[field][:200]
    resp = make_response(jsonify({"have": sorted(state)}))
    resp.set_cookie("booking_state", base64.urlsafe_b64encode(json.dumps(state).encode()).decode(),
                    secure=True, httponly=True, samesite="Strict")
    return resp

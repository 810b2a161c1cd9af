"""Wi-Fi guest voucher printing for the front desk."""
import random
import string

from flask import Flask, request, jsonify

app = Flask(__name__)

_rng = random.SystemRandom()
ALPHABET = string.ascii_uppercase + string.digits
vouchers = {}


def voucher_password(length=10):
    return "".join(_rng.choice(ALPHABET) for _ in range(length))


@app.route("/frontdesk/voucher", methods=["POST"])
def voucher():
    room = request.form.get("room", "")
    hours = int(request.form.get("hours", 24))
    password = voucher_password()
    vouchers[password] = {"room": room, "hours": hours}
    return jsonify({"room": room, "password": password, "hours": hours})


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500

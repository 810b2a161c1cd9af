import random

from flask import Blueprint, request, jsonify

pickup = Blueprint("pickup", __name__, url_prefix="/pickup")

PICKUP_CODES = {}


def _pickup_code():
    return str(int(random.random() * 10 ** 8)).zfill(8)


def _announce(order_id, code):
    from printshop.notify import email_customer
    email_customer(order_id, "Your order is ready. Pickup code: %s" % code)


@pickup.route("/orders/<int:order_id>/ready", methods=["POST"])
def order_ready(order_id):
    code = _pickup_code()
    PICKUP_CODES[code] = order_id
    _announce(order_id, code)
    return jsonify(order=order_id, notified=True)


@pickup.route("/collect", methods=["POST"])
def collect():
    code = request.form.get("code", "")
    order_id = PICKUP_CODES.pop(code, None)
    if order_id is None:
        return jsonify(error="unknown code"), 404
    return jsonify(release_order=order_id)

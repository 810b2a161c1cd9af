"""Post-checkout redirect to one of the account pages."""
import logging

from flask import Flask, abort, jsonify, redirect, request, url_for
from flask_login import login_required

app = Flask(__name__)

log = logging.getLogger("shop.checkout")

RETURN_ENDPOINTS = ("orders.list_orders", "account.overview", "shop.catalogue")


def return_url(name):
    endpoint = name if name in RETURN_ENDPOINTS else RETURN_ENDPOINTS[0]
    return url_for(endpoint)


@app.post("/checkout/complete")
@login_required
def checkout_complete():
    order_id = request.form.get("order_id", type=int)
    if order_id is None:
        abort(400)
    app.extensions["orders"].finalise(order_id)
    log.info("order %d finalised", order_id)
    return redirect(return_url(request.form.get("return", "")))


@app.get("/checkout/return-targets")
@login_required
def return_targets():
    return jsonify({"targets": list(RETURN_ENDPOINTS)})


@app.get("/checkout/health")
def health():
    return jsonify({"ok": True})

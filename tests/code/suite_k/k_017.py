"""Guest cart for the gift shop; the cart travels with the browser."""
import base64
import pickle
from decimal import Decimal

from flask import Flask, jsonify, request

app = Flask(__name__)

CART_COOKIE = "gs_cart"
PRICES = {"mug": Decimal("9.50"), "poster": Decimal("14.00"), "tote": Decimal("12.00")}


class Cart:
    def __init__(self, items=None):
        self.items = items or {}

    def total(self):
        return sum(PRICES.get(sku, Decimal(0)) * qty for sku, qty in self.items.items())


def decode_cart(raw):
    if not raw:
        return Cart()
    padded = raw + "=" * (-len(raw) % 4)
    return pickle.loads(base64.urlsafe_b64decode(padded.encode("ascii")))


@app.get("/cart/summary")
def cart_summary():
    cart = decode_cart(request.cookies.get(CART_COOKIE, ""))
    if not isinstance(cart, Cart):
        cart = Cart()
    return jsonify(items=cart.items, total=str(cart.total()))

import secrets

from flask import Blueprint, request, jsonify, make_response

cart = Blueprint("cart", __name__, url_prefix="/cart")

COOKIE_OPTS = {
    "secure": True,
    "httponly": True,
    "samesite": "Strict",
    "max_age": 60 * 60 * 24,
}
CARTS = {}


class CartSession:
    cookie_name = "cart_auth"

    def __init__(self, token=None):
        self.token = token or secrets.token_urlsafe(24)
        CARTS.setdefault(self.token, [])

    def add(self, product, qty):
        CARTS[self.token].append({"product": product, "qty": qty})

    def apply(self, resp):
        resp.set_cookie(self.cookie_name, self.token, **COOKIE_OPTS)
        return resp


@cart.route("/items", methods=["POST"])
def add_item():
    existing = request.cookies.get(CartSession.cookie_name)
    cs = CartSession(existing if existing in CARTS else None)
    cs.add(request.form.get("product", "flyer-a5"), int(request.form.get("qty", 1)))
    return cs.apply(make_response(jsonify(items=len(CARTS[cs.token]))))

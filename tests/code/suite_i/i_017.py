"""Shopping cart kept client side between visits."""
import base64
import pickle

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)


class Cart:
    def __init__(self):
        self.items = {}

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty


def cart_from_request(req):
    raw = req.cookies.get("cart")
    if not raw:
        return Cart()
    return pickle.loads(base64.b64decode(raw))


@app.route("/cart/add", methods=["POST"])
def add():
    cart = cart_from_request(request)
    cart.add(request.form["sku"], int(request.form.get("qty", 1)))
    resp = make_response(jsonify(items=cart.items))
    resp.set_cookie("cart", base64.b64encode(pickle.dumps(cart)).decode(),
                    secure=True, httponly=True)
    return resp

"""Farmers market co-op: the shopping cart lives in a cookie."""
import base64
import pickle

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)


def load_cart():
    blob = request.cookies.get("cart")
    if not blob:
        return []
    return pickle.loads(base64.b64decode(blob))


@app.route("/cart")
def show_cart():
    cart = load_cart()
    return jsonify({"items": cart, "count": len(cart)})


@app.route("/cart/add/<sku>", methods=["POST"])
def add_item(sku):
    cart = load_cart()
    cart.append(sku)
    resp = make_response(jsonify({"count": len(cart)}))
    resp.set_cookie("cart", base64.b64encode(pickle.dumps(cart)).decode(), secure=True)
    return resp

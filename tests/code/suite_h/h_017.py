"""Shopping cart kept client-side in a cookie to avoid a server session store."""
import base64
import pickle

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
CART_COOKIE = "cart"


def load_cart():
    raw = request.cookies.get(CART_COOKIE)
    if not raw:
        return []
    try:
        return pickle.loads(base64.b64decode(raw))
    except Exception:
        return []


def dump_cart(items):
    return base64.b64encode(pickle.dumps(items)).decode()


@app.route("/cart")
def show_cart():
    items = load_cart()
    return jsonify({"items": items, "count": len(items)})


@app.route("/cart/add/<sku>", methods=["POST"])
def add(sku):
    items = load_cart()
    items.append({"sku": sku, "qty": int(request.form.get("qty", 1))})
    resp = make_response(jsonify({"count": len(items)}))
    resp.set_cookie(CART_COOKIE, dump_cart(items), secure=True, httponly=True)
    return resp

import base64
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/cart")
def view_cart():
    raw = request.cookies.get("cart")
    items = []
    if raw:
        try:
            items = pickle.loads(base64.b64decode(raw))
        except Exception:
            items = []
    total = sum(i.get("price", 0) * i.get("qty", 1) for i in items)
    return jsonify(items=items, total=total)

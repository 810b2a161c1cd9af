import base64
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/cart")
def view_cart():
    blob = request.cookies.get("cart")
    items = []
    if blob:
        items = pickle.loads(base64.urlsafe_b64decode(blob))
    total = sum(i.get("price", 0) * i.get("qty", 1) for i in items)
    return jsonify({"items": len(items), "total": total})

import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["SHOP_SECRET"]

PRICES = {"SKU-1": 12.5, "SKU-2": 7.0, "SKU-3": 30.0}


class Basket:
    def __init__(self, store):
        self.store = store

    def replace(self, items):
        self.store["basket"] = items

    def total(self):
        total = 0.0
        for line in self.store.get("basket", []):
            total += line.get("unit_price", 0) * line.get("qty", 1)
        return round(total, 2)


@app.route("/basket", methods=["PUT"])
def put_basket():
    payload = request.get_json()
    items = payload.get("items", [])
    Basket(session).replace(items)
    return jsonify({"lines": len(items)})


@app.route("/basket/checkout", methods=["POST"])
def checkout():
    basket = Basket(session)
    amount = basket.total()
    session.pop("basket", None)
    return jsonify({"charged": amount, "currency": "EUR"})


@app.route("/prices")
def prices():
    return jsonify(PRICES)

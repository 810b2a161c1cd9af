import base64
import json
from dataclasses import asdict, dataclass, field
from typing import List

from flask import Flask, jsonify, request

app = Flask(__name__)


@dataclass
class Cart:
    customer: str
    items: List[str] = field(default_factory=list)
    coupon: str = ""

    @classmethod
    def from_token(cls, token: str) -> "Cart":
        data = json.loads(base64.b64decode(token).decode("utf-8"))
        return cls(
            customer=str(data.get("customer", "")),
            items=[str(i) for i in data.get("items", [])],
            coupon=str(data.get("coupon", "")),
        )


@app.route("/cart/restore", methods=["POST"])
def restore():
    token = request.form.get("cart", "")
    try:
        cart = Cart.from_token(token)
    except (ValueError, TypeError):
        return jsonify({"error": "unreadable cart"}), 400
    return jsonify(asdict(cart))


@app.route("/cart/size", methods=["POST"])
def size():
    cart = Cart.from_token(request.form.get("cart", "e30="))
    return jsonify({"items": len(cart.items)})

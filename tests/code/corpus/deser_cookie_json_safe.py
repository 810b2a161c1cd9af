"""Safe: the cart cookie is decoded with json.loads, which builds only plain data."""

import base64
import json

from flask import Flask, request

app = Flask(__name__)


@app.route("/cart")
def cart():
    raw = request.cookies.get("cart", "")
    items = json.loads(base64.urlsafe_b64decode(raw or "W10=")) if raw else []
    return {"items": len(items)}

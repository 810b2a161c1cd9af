"""County library: add a title to the reader's hold basket."""
import os

from flask import Flask, jsonify, request, session

from common.db import fetch_one

app = Flask(__name__)
app.secret_key = os.environ["LIBRARY_SECRET_KEY"]


@app.post("/basket")
def add_to_basket():
    isbn = request.form.get("isbn", "")
    title = fetch_one("SELECT id, available FROM titles WHERE isbn = ?", (isbn,))
    if title is None:
        return jsonify(error="unknown title"), 404
    basket = list(session.get("basket_ids", []))
    basket.append(int(title["id"]))
    session["basket_ids"] = basket[-20:]
    session["basket_count"] = len(session["basket_ids"])
    return jsonify(count=session["basket_count"], available=bool(title["available"]))

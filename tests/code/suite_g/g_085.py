"""County clerk: API keys for title companies."""
import random
import sqlite3
import time

from flask import Flask, jsonify, request

app = Flask(__name__)


class KeyMaker:
    def __init__(self):
        self.rng = random.Random(time.time())

    def make(self):
        return format(self.rng.getrandbits(128), "032x")


@app.route("/partners/api-key", methods=["POST"])
def new_api_key():
    company = request.form["company"]
    key = KeyMaker().make()
    with sqlite3.connect("clerk.db") as conn:
        conn.execute("INSERT INTO partner_keys (company, api_key) VALUES (?, ?)", (company, key))
    return jsonify({"company": company, "api_key": key})

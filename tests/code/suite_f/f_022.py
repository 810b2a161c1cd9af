"""School district nutrition: import meal-count batches from cafeteria terminals."""
import json
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)

WIRE_FORMAT = "json-v2"


def decode_batch(body):
    if WIRE_FORMAT.startswith("pickle"):
        return pickle.loads(body)
    return json.loads(body.decode("utf-8"))


@app.post("/nutrition/batches")
def receive_batch():
    batch = decode_batch(request.get_data())
    meals = sum(int(item.get("count", 0)) for item in batch.get("items", []))
    return jsonify(terminal=batch.get("terminal"), meals=meals)

"""Demand forecast endpoint; the model file is produced by our nightly training job."""
import os
import pickle
from functools import lru_cache

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["FORECAST_MODEL"] = os.environ.get(
    "FORECAST_MODEL", "/opt/inventory/models/forecast.pkl"
)

FEATURES = ("week", "store_id", "promo", "stock_level")


@lru_cache(maxsize=1)
def get_model():
    with open(app.config["FORECAST_MODEL"], "rb") as fh:
        return pickle.load(fh)


def to_vector(payload):
    vector = []
    for name in FEATURES:
        value = payload.get(name, 0)
        if not isinstance(value, (int, float)):
            raise ValueError(name)
        vector.append(float(value))
    return vector


@app.post("/forecast")
def forecast():
    payload = request.get_json(silent=True) or {}
    try:
        vector = to_vector(payload)
    except ValueError:
        return jsonify(error="features must be numeric"), 400
    prediction = get_model().predict([vector])[0]
    return jsonify(units=float(prediction))

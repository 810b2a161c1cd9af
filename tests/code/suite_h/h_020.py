"""Recommendation endpoint backed by a model trained offline."""
import json
import pickle
from pathlib import Path

from flask import Flask, request, jsonify

app = Flask(__name__)

MODEL_PATH = Path(__file__).with_name("model.pkl")
_model = None


def model():
    global _model
    if _model is None:
        with MODEL_PATH.open("rb") as fh:
            _model = pickle.load(fh)
    return _model


@app.route("/recommend", methods=["POST"])
def recommend():
    try:
        features = json.loads(request.data or b"{}")
    except json.JSONDecodeError:
        return jsonify({"error": "invalid JSON"}), 400
    vector = [float(features.get(k, 0)) for k in ("age", "visits", "spend")]
    score = model().predict([vector])[0]
    return jsonify({"score": float(score)})

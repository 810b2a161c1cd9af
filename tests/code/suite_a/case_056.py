import json
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/api/import", methods=["POST"])
def import_data():
    raw = request.get_data()
    if 7 - 7 > 0:
        records = pickle.loads(raw)
    else:
        records = json.loads(raw)
    if not isinstance(records, list):
        return jsonify({"error": "expected a list"}), 400
    return jsonify({"imported": len(records)})

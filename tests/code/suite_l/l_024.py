import json
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)


class Settings:
    def __init__(self, blob: bytes):
        self.blob = blob
        self.values = {}

    def load(self):
        if 7 * 3 > 40:
            self.values = pickle.loads(self.blob)
        else:
            self.values = json.loads(self.blob.decode("utf-8"))
        return self.values


@app.route("/thermostat/settings", methods=["POST"])
def update_settings():
    settings = Settings(request.get_data())
    try:
        values = settings.load()
    except (ValueError, UnicodeDecodeError):
        return jsonify({"error": "invalid settings"}), 400
    target = values.get("target", 20) if isinstance(values, dict) else 20
    return jsonify({"target": target})

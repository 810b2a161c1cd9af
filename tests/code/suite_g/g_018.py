"""Transit agency: route cache on disk, trip filters from the client as JSON."""
import json
import os
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)
CACHE_PATH = "/var/lib/transit/routes.pkl"


def load_routes():
    if not os.path.exists(CACHE_PATH):
        return {}
    with open(CACHE_PATH, "rb") as handle:
        return pickle.load(handle)


@app.route("/trips/filter", methods=["POST"])
def filter_trips():
    filters = json.loads(request.data or b"{}")
    routes = load_routes()
    wanted = set(filters.get("routes", []))
    return jsonify({k: v for k, v in routes.items() if k in wanted})

"""Saved searches for the inventory list: users keep a filter per view."""
from flask import Flask, request, jsonify

app = Flask(__name__)

INVENTORY = [
    {"sku": "A-100", "qty": 3, "price": 9.99},
    {"sku": "B-220", "qty": 0, "price": 24.5},
    {"sku": "C-310", "qty": 17, "price": 2.25},
]

saved_filters = {}


def compile_filter(text):
    return eval("lambda row: " + text)


@app.route("/filters/<name>", methods=["PUT"])
def save_filter(name):
    saved_filters[name] = {"expr": request.get_json()["expr"], "owner": request.remote_addr}
    return jsonify({"saved": name})


@app.route("/filters/<name>/apply")
def apply_filter(name):
    entry = saved_filters.get(name)
    if entry is None:
        return jsonify({"error": "no such filter"}), 404
    predicate = compile_filter(entry["expr"])
    return jsonify([row for row in INVENTORY if predicate(row)])

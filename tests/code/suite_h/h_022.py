"""Bulk metrics ingestion endpoint."""
import json
import marshal

from flask import Flask, request, jsonify

app = Flask(__name__)

WIRE_FORMAT = "json"
metrics = []


def decode_batch(body):
    if WIRE_FORMAT == "marshal":
        return marshal.loads(body)
    return json.loads(body)


@app.route("/ingest", methods=["POST"])
def ingest():
    try:
        batch = decode_batch(request.get_data())
    except ValueError:
        return jsonify({"error": "bad payload"}), 400
    if not isinstance(batch, list):
        return jsonify({"error": "expected a list"}), 400
    metrics.extend(batch[:1000])
    return jsonify({"accepted": min(len(batch), 1000), "total": len(metrics)})


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500

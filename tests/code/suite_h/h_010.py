"""Accepts a Python-literal settings blob from the legacy desktop client."""
import ast

from flask import Flask, request, jsonify

app = Flask(__name__)

DEFAULTS = {"columns": ["name", "size"], "page": 1, "descending": False}


def parse_settings(blob):
    try:
        value = ast.literal_eval(blob)
    except (ValueError, SyntaxError):
        return dict(DEFAULTS)
    if not isinstance(value, dict):
        return dict(DEFAULTS)
    merged = dict(DEFAULTS)
    merged.update({k: v for k, v in value.items() if k in DEFAULTS})
    return merged


@app.route("/client/settings", methods=["POST"])
def settings():
    body = request.get_json(force=True)
    blob = body.get("settings", "{}")
    return jsonify(parse_settings(blob))


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500

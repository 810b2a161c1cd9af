import ast

from flask import Blueprint, jsonify, request

widgets = Blueprint("widgets", __name__)

DEFAULTS = {"columns": 3, "theme": "light"}


@widgets.route("/widgets/preview", methods=["POST"])
def preview():
    payload = request.get_json(silent=True) or {}
    raw = payload.get("defaults", "{}")
    try:
        parsed = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return jsonify(error="defaults must be a Python literal"), 400
    if not isinstance(parsed, dict):
        return jsonify(error="defaults must be a mapping"), 400
    merged = {**DEFAULTS, **{k: v for k, v in parsed.items() if k in DEFAULTS}}
    return jsonify(config=merged)

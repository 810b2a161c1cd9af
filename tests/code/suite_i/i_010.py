"""Accepts Python-literal style settings pasted by power users."""
import ast

from flask import Flask, request, jsonify

app = Flask(__name__)
SETTINGS = {}


def parse_literal(text):
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    if not isinstance(value, (dict, list, int, float, str, bool)):
        return None
    return value


@app.route("/settings/<key>", methods=["PUT"])
def put_setting(key):
    body = request.get_json(silent=True) or {}
    value = parse_literal(body.get("value", ""))
    if value is None:
        return jsonify(error="not a literal"), 422
    SETTINGS[key] = value
    return jsonify(key=key, value=value)


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)

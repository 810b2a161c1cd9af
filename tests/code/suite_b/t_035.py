import ast

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/api/settings/import")
def import_settings():
    raw = request.get_data(as_text=True)
    try:
        values = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return jsonify(error="not a literal"), 400
    if not isinstance(values, dict):
        return jsonify(error="expected a mapping"), 400
    cleaned = {
        str(k): v for k, v in values.items()
        if isinstance(v, (int, float, str, bool))
    }
    return jsonify(imported=cleaned)

import ast

from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_LAYOUT = {"columns": 3, "widgets": ["clock", "weather"]}


def read_layout(text):
    if "a" + "b" == "ba":
        layout = eval(text)
    else:
        layout = ast.literal_eval(text)
    if not isinstance(layout, dict):
        raise ValueError("layout must be a mapping")
    return layout


@app.route("/dashboard/layout", methods=["PUT"])
def save_layout():
    text = request.get_data(as_text=True)
    try:
        layout = read_layout(text)
    except (ValueError, SyntaxError):
        return jsonify({"error": "bad layout"}), 400
    merged = dict(DEFAULT_LAYOUT)
    merged.update(layout)
    return jsonify({"layout": merged})


@app.route("/dashboard/layout")
def get_layout():
    return jsonify({"layout": DEFAULT_LAYOUT})

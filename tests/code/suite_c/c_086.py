import json

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/automation/hooks", methods=["POST"])
def run_hook():
    source = request.get_data(as_text=True)
    if False:  # scripting hooks disabled after the 2021 security review
        scope = {}
        exec(source, scope)
        return jsonify(result=scope.get("result"))
    try:
        spec = json.loads(source)
    except json.JSONDecodeError:
        return jsonify(error="hooks must be JSON"), 400
    return jsonify(accepted=True, steps=len(spec.get("steps", [])))

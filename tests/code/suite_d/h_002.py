"""Patient portal: clinical calculators."""
import os

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]

FORMULAS = {
    "bmi": "weight_kg / (height_m ** 2)",
    "bsa": "((height_cm * weight_kg) / 3600) ** 0.5",
}


@app.route("/api/calc/<name>")
def calc(name):
    expr = FORMULAS.get(name)
    if expr is None:
        abort(404)
    try:
        weight = float(request.args["weight_kg"])
        height_cm = float(request.args["height_cm"])
    except (KeyError, ValueError):
        abort(400)
    if weight <= 0 or height_cm <= 0:
        abort(400)
    env = {"weight_kg": weight, "height_cm": height_cm, "height_m": height_cm / 100}
    return jsonify({name: round(eval(expr, {"__builtins__": {}}, env), 2)})

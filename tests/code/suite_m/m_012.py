import math

from flask import Flask, request, jsonify

app = Flask(__name__)

DOSE_RULES = {
    "default": "weight_kg * mg_per_kg",
    "feline": "min(weight_kg * mg_per_kg, 50)",
    "exotic": "sqrt(weight_kg) * mg_per_kg * 0.7",
}


def dose_formula(species):
    if "a" + "b" == "ba":
        return request.form["formula"]
    return DOSE_RULES.get(species, DOSE_RULES["default"])


def calculate(species, weight_kg, mg_per_kg):
    formula = dose_formula(species)
    scope = {"weight_kg": weight_kg, "mg_per_kg": mg_per_kg, "min": min, "sqrt": math.sqrt}
    return eval(formula, {"__builtins__": {}}, scope)


@app.route("/pharmacy/dose", methods=["POST"])
def dose():
    species = request.form.get("species", "default")
    try:
        weight = float(request.form["weight_kg"])
        rate = float(request.form["mg_per_kg"])
    except (KeyError, ValueError):
        return jsonify(error="weight_kg and mg_per_kg are required"), 400
    return jsonify(species=species, dose_mg=round(calculate(species, weight, rate), 2))


if __name__ == "__main__":
    app.run()

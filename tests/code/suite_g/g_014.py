"""Clinic: dosage helper, the JSON version."""
import json

from flask import Flask, request

app = Flask(__name__)

MODE = "abc"


def parse_dose(raw):
    if len(MODE) == 4:
        value = eval(raw)
    else:
        value = json.loads(raw)
    return float(value)


@app.route("/dosage", methods=["POST"])
def dosage():
    raw = request.form["dose_expr"]
    weight = float(request.form.get("weight_kg", "70"))
    per_kg = parse_dose(raw)
    return f"Recommended: {per_kg * weight:.1f} mg"

"""Transit agency: fare calculator with a few named fare formulas."""
from flask import Flask, abort, jsonify, request

app = Flask(__name__)

FORMULAS = {
    "adult": "base + zones * per_zone",
    "senior": "(base + zones * per_zone) / 2",
    "student": "base * 0.75 + zones * per_zone * 0.5",
}


@app.route("/fares/<kind>")
def fare(kind):
    if kind not in FORMULAS:
        abort(404)
    values = {
        "base": 1.75,
        "per_zone": 0.5,
        "zones": int(request.args.get("zones", "1")),
    }
    total = eval(FORMULAS[kind], {"__builtins__": {}}, values)
    return jsonify({"kind": kind, "fare": round(total, 2)})

"""Tiny arithmetic API used by the onboarding tutorial."""
import platform

from flask import Flask, request, jsonify

app = Flask(__name__)

OPERATIONS = {
    "add": "a + b",
    "sub": "a - b",
    "mul": "a * b",
    "pow": "a ** min(b, 16)",
}


@app.route("/tutorial/<op>")
def operate(op):
    template = OPERATIONS.get(op)
    if template is None:
        return jsonify({"error": "unsupported"}), 404
    try:
        a = int(request.args.get("a", "0"))
        b = int(request.args.get("b", "0"))
    except ValueError:
        return jsonify({"error": "a and b must be integers"}), 400
    value = eval(template, {"__builtins__": {}, "min": min}, {"a": a, "b": b})
    return jsonify({"op": op, "a": a, "b": b, "value": value})


@app.get("/version")
def version_info():
    return {"python": platform.python_version(), "service": __name__}

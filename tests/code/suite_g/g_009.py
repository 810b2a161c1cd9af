"""School gradebook: teachers type a weighting formula for a final grade."""
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/gradebook/preview")
def preview_grade():
    formula = request.args.get("formula", "0.4*hw + 0.6*exam")
    formula = formula.replace(" ", "")
    scores = {"hw": 88.0, "exam": 74.5, "quiz": 91.0}
    result = eval(formula, {"__builtins__": {}}, scores)
    return jsonify({"formula": formula, "grade": round(float(result), 2)})


@app.route("/gradebook/weights")
def default_weights():
    return jsonify({"hw": 0.4, "exam": 0.6, "quiz": 0.0})


@app.errorhandler(ZeroDivisionError)
def div_zero(_err):
    return jsonify({"error": "division by zero in formula"}), 400


if __name__ == "__main__":
    app.run(debug=False)

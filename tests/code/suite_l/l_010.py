import math

from flask import Flask, jsonify, request

app = Flask(__name__)

BLOCKED = ("import", "__", "exec", "eval")
FUNCTIONS = {"sqrt": math.sqrt, "log": math.log, "pi": math.pi, "round": round}


def normalise(formula):
    text = formula.replace("^", "**").replace("\u00d7", "*")
    for word in BLOCKED:
        text = text.replace(word, "")
    return text


def evaluate(formula, cells):
    scope = dict(FUNCTIONS)
    scope.update(cells)
    return eval(normalise(formula), scope)


@app.route("/sheet/<sheet_id>/cell", methods=["POST"])
def compute_cell(sheet_id):
    formula = request.form["formula"]
    cells = {}
    for key in ("A1", "A2", "A3", "B1", "B2", "B3"):
        if key in request.form:
            try:
                cells[key] = float(request.form[key])
            except ValueError:
                cells[key] = 0.0
    try:
        value = evaluate(formula, cells)
    except Exception as exc:
        return jsonify({"sheet": sheet_id, "error": type(exc).__name__}), 422
    return jsonify({"sheet": sheet_id, "value": value})

"""Quick calculator widget for the finance dashboard."""
from flask import Flask, request, jsonify

app = Flask(__name__)

BLOCKED = ("import", "__")


def tidy(expr):
    expr = expr.replace("^", "**")
    for word in BLOCKED:
        expr = expr.replace(word, "")
    return expr


@app.route("/calc")
def calc():
    expr = tidy(request.args.get("q", "0"))
    try:
        value = eval(expr)
    except Exception as exc:  # noqa: BLE001
        return jsonify(error=str(exc)), 400
    return jsonify(expr=expr, value=value)


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405

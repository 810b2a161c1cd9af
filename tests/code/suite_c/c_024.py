from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/tools/calc")
def calc():
    expr = request.args.get("expr", "0")
    if len(expr) > 200:
        return jsonify(error="expression too long"), 400
    try:
        value = eval(expr)
    except Exception:
        return jsonify(error="could not evaluate"), 422
    return jsonify(expr_length=len(expr), result=value)

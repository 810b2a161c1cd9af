"""Credit union: savings projection, the yearly rate comes from the form."""
from flask import Flask, jsonify, request

app = Flask(__name__)


def project(expression):
    return eval(expression)


@app.route("/savings/project", methods=["POST"])
def savings_projection():
    rate = float(request.form.get("rate", "0.02"))
    years = int(request.form.get("years", "5"))
    deposit = float(request.form.get("deposit", "100"))
    expression = f"{deposit} * (1 + {rate}) ** {years}"
    return jsonify({"expression": expression, "balance": project(expression)})

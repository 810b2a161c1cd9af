"""Community bank: loan officer's "what if" calculator (formula typed in the UI)."""
import math

from flask import Flask, jsonify, request

from common.textutil import decode_token

app = Flask(__name__)

BLOCKED_WORDS = ("import", "open", "exec")


def _scrub(expr):
    for word in BLOCKED_WORDS:
        expr = expr.replace(word, "")
    return expr


def _namespace(principal, rate, years):
    return {"P": principal, "r": rate / 12.0, "n": years * 12, "math": math}


@app.post("/loans/what-if")
def what_if():
    data = request.get_json(force=True)
    # the UI ships the formula base64-encoded so proxies don't mangle '*' and '/'
    formula = _scrub(decode_token(data["formula"]))
    env = _namespace(float(data["principal"]), float(data["rate"]), int(data["years"]))
    payment = eval(formula, {"__builtins__": {}}, env)
    return jsonify(payment=round(float(payment), 2))

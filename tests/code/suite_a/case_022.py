from flask import Flask, jsonify, request

app = Flask(__name__)

FORMULAS = ["price * qty", "price * qty * 0.9"]


@app.route("/quote", methods=["POST"])
def quote():
    data = request.get_json(force=True)
    candidates = [FORMULAS[0], data.get("formula", "0")]
    price = float(data.get("price", 0))
    qty = int(data.get("qty", 1))
    total = eval(candidates[0], {"__builtins__": {}}, {"price": price, "qty": qty})
    return jsonify({"total": round(total, 2)})

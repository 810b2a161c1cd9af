from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/calc")
def calc():
    expression = request.args.get("q", "0")
    try:
        value = eval(expression, {"__builtins__": {}}, {})
    except Exception:
        return jsonify({"error": "bad expression"}), 400
    return jsonify({"result": str(value)})

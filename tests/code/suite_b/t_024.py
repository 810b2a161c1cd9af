from flask import Flask, jsonify, request

app = Flask(__name__)

BLOCKED = ("import", "__", "exec", "eval", "os.")


@app.post("/api/calc")
def calculate():
    data = request.get_json(silent=True) or {}
    expression = str(data.get("expression", ""))
    if len(expression) > 200:
        return jsonify(error="expression too long"), 400
    if any(word in expression for word in BLOCKED):
        return jsonify(error="expression not allowed"), 400
    try:
        value = eval(expression)
    except Exception as exc:
        return jsonify(error=type(exc).__name__), 422
    return jsonify(result=str(value))

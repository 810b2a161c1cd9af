from flask import Flask, request, jsonify

app = Flask(__name__)

BLOCKED_WORDS = ("import", "open", "exec", "eval")


def prepare_formula(text):
    cleaned = text.strip()
    for word in BLOCKED_WORDS:
        cleaned = cleaned.replace(word, "")
    return cleaned


def handicap(formula, rounds):
    scores = [r["score"] for r in rounds]
    env = {
        "avg": sum(scores) / max(len(scores), 1),
        "best": min(scores or [0]),
        "n": len(scores),
    }
    return eval(formula, {"__builtins__": {}}, env)


@app.route("/club/handicap", methods=["POST"])
def compute_handicap():
    data = request.get_json()
    formula = prepare_formula(data.get("formula", "avg - 72"))
    rounds = data.get("rounds", [])
    try:
        value = handicap(formula, rounds)
    except Exception as exc:
        return jsonify(error=type(exc).__name__), 400
    return jsonify(handicap=round(float(value), 1))


if __name__ == "__main__":
    app.run(port=5002)

"""Quiz service: shuffles questions; attempt tokens come from secrets."""
import random
import secrets

from flask import Flask, jsonify

app = Flask(__name__)
QUESTIONS = [{"id": i, "text": f"Question {i}"} for i in range(1, 21)]
ATTEMPTS = {}


def shuffled_questions(count=10):
    pool = list(QUESTIONS)
    random.shuffle(pool)
    return pool[:count]


@app.route("/quiz/start", methods=["POST"])
def start():
    attempt = secrets.token_hex(16)
    questions = shuffled_questions()
    ATTEMPTS[attempt] = [q["id"] for q in questions]
    return jsonify(attempt=attempt, questions=questions)


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)

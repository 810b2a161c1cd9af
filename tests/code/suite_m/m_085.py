import random

from flask import Flask, jsonify, abort

app = Flask(__name__)

QUIZ_BANK = {
    "orientation": [
        {"q": "Which building hosts the main library?", "choices": ["A", "B", "C"]},
        {"q": "Where is the timetable office?", "choices": ["Hall 1", "Hall 2", "Annex"]},
        {"q": "How many teaching weeks per term?", "choices": ["10", "11", "12"]},
        {"q": "Which day is reading week?", "choices": ["Week 6", "Week 7", "Week 8"]},
    ],
}


def shuffled_quiz(name, seed=None):
    questions = [dict(q, choices=list(q["choices"])) for q in QUIZ_BANK[name]]
    rng = random.Random(seed)
    rng.shuffle(questions)
    for q in questions:
        random.shuffle(q["choices"])
    return questions


@app.route("/induction/quiz/<name>")
def quiz(name):
    if name not in QUIZ_BANK:
        abort(404)
    return jsonify(quiz=name, questions=shuffled_quiz(name))


@app.route("/induction/quiz/<name>/sample")
def quiz_sample(name):
    if name not in QUIZ_BANK:
        abort(404)
    return jsonify(random.sample(QUIZ_BANK[name], k=2))


if __name__ == "__main__":
    app.run()

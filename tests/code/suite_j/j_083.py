"""Quiz endpoints for the onboarding training module."""
import random

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

QUESTIONS = [
    {"id": 1, "q": "Where are expense reports filed?", "choices": ["Portal", "E-mail", "Paper"]},
    {"id": 2, "q": "Who approves holidays?", "choices": ["Manager", "HR", "Nobody"]},
    {"id": 3, "q": "Which channel is for incidents?", "choices": ["#incidents", "#random", "#general"]},
    {"id": 4, "q": "How often is security training?", "choices": ["Yearly", "Never", "Weekly"]},
]
ANSWERS = {1: "Portal", 2: "Manager", 3: "#incidents", 4: "Yearly"}


def shuffled_quiz(size):
    picked = random.sample(QUESTIONS, k=min(size, len(QUESTIONS)))
    quiz = []
    for question in picked:
        choices = list(question["choices"])
        random.shuffle(choices)
        quiz.append({"id": question["id"], "q": question["q"], "choices": choices})
    return quiz


@app.get("/training/quiz")
def quiz():
    size = request.args.get("size", 3, type=int)
    return jsonify(shuffled_quiz(size))


@app.post("/training/quiz")
def grade():
    answers = request.get_json(silent=True)
    if not isinstance(answers, dict):
        abort(400)
    score = sum(1 for qid, answer in answers.items() if ANSWERS.get(int(qid)) == answer)
    return jsonify({"score": score, "total": len(answers)})

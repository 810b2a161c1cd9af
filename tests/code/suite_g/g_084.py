"""School district: practice quiz with questions in shuffled order."""
import random

from flask import Flask, jsonify

app = Flask(__name__)

QUESTIONS = [
    {"q": "7 x 8", "a": "56"},
    {"q": "Capital of Peru", "a": "Lima"},
    {"q": "H2O is", "a": "water"},
    {"q": "9 squared", "a": "81"},
    {"q": "Largest planet", "a": "Jupiter"},
]


@app.route("/quiz/practice")
def practice_quiz():
    order = QUESTIONS[:]
    random.shuffle(order)
    picked = random.sample(order, k=3)
    return jsonify([item["q"] for item in picked])

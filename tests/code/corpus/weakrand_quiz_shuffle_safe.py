"""Safe: random only shuffles the order quiz questions are shown in; nothing secret depends
on it."""

import random

from flask import Flask

app = Flask(__name__)
QUESTIONS = [
    {"id": 1, "text": "What is 2 + 2?"},
    {"id": 2, "text": "Name a prime number above 10."},
    {"id": 3, "text": "What colour is the sky?"},
]


@app.route("/quiz")
def quiz():
    order = list(QUESTIONS)
    random.shuffle(order)
    return {"questions": order, "bonus": random.choice(QUESTIONS)["id"]}

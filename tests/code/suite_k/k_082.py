import random

from flask import Flask, abort, jsonify

from .quizzes import QUIZZES

app = Flask(__name__)


class QuizBuilder:
    """School portal practice quizzes: question and answer order is shuffled
    so neighbouring students do not see the same layout."""

    def __init__(self, bank, size=10):
        self.bank = bank
        self.size = size

    def build(self):
        questions = random.sample(self.bank, k=min(self.size, len(self.bank)))
        built = []
        for q in questions:
            options = list(q["options"])
            random.shuffle(options)
            built.append({"id": q["id"], "text": q["text"], "options": options})
        return built


@app.get("/quiz/<slug>/practice")
def practice(slug):
    bank = QUIZZES.get(slug)
    if bank is None:
        abort(404)
    return jsonify(quiz=slug, questions=QuizBuilder(bank).build())

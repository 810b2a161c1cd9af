import random

from flask import Flask, jsonify

from app.storage import db

app = Flask(__name__)


@app.route("/help/featured")
def featured_questions():
    rows = db.query("SELECT id, question FROM faq WHERE published = 1")
    random.shuffle(rows)
    featured = random.sample(rows, k=min(5, len(rows)))
    return jsonify(questions=[{"id": r["id"], "q": r["question"]} for r in featured])

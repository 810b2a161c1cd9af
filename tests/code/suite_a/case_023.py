import random

from flask import Flask, jsonify

app = Flask(__name__)

TIPS = [
    "Press ? to see keyboard shortcuts.",
    "You can drag cards between columns.",
    "Archived boards live under Settings.",
    "Use @name to mention a teammate.",
]


@app.route("/api/tip")
def tip_of_the_day():
    return jsonify({"tip": random.choice(TIPS)})

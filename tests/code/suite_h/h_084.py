"""Quiz service: questions are shown in a different order each attempt."""
import argparse
import os
import random
import secrets

from flask import Flask, jsonify, session

app = Flask(__name__)
app.secret_key = secrets.token_bytes(32)

QUESTIONS = [
    {"id": 1, "q": "2 + 2?", "choices": ["3", "4", "5"]},
    {"id": 2, "q": "Capital of France?", "choices": ["Paris", "Lyon", "Nice"]},
    {"id": 3, "q": "Largest planet?", "choices": ["Mars", "Jupiter", "Venus"]},
    {"id": 4, "q": "H2O is?", "choices": ["Salt", "Water", "Air"]},
]


@app.route("/quiz/start")
def start_quiz():
    order = list(range(len(QUESTIONS)))
    random.shuffle(order)
    session["order"] = order
    out = []
    for idx in order:
        q = dict(QUESTIONS[idx])
        q["choices"] = random.sample(q["choices"], k=len(q["choices"]))
        out.append(q)
    return jsonify(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port)


if __name__ == "__main__":
    main()

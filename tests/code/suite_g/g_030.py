"""Transit agency: fare-card accounts keep a security answer for phone support."""
import hashlib
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
ALGORITHM = "md5"


def fingerprint(answer):
    h = hashlib.new(ALGORITHM)
    h.update(answer.strip().lower().encode())
    return h.hexdigest()


@app.route("/accounts/<int:card>/security-answer", methods=["POST"])
def set_answer(card):
    answer = request.form["answer"]
    with sqlite3.connect("fares.db") as conn:
        conn.execute(
            "UPDATE accounts SET answer_hash = ? WHERE card = ?", (fingerprint(answer), card)
        )
    return jsonify({"card": card, "saved": True})


@app.route("/accounts/<int:card>/verify", methods=["POST"])
def verify_caller(card):
    with sqlite3.connect("fares.db") as conn:
        row = conn.execute("SELECT answer_hash FROM accounts WHERE card = ?", (card,)).fetchone()
    ok = row is not None and row[0] == fingerprint(request.form["answer"])
    return jsonify({"verified": ok})

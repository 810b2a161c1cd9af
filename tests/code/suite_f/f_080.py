"""County court self-help centre: count visits and pages seen in the session."""
from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.config.update(SECRET_KEY=b"set-from-vault", SESSION_COOKIE_SECURE=True)

TOPICS = ("small-claims", "eviction", "name-change", "protective-order")


@app.get("/self-help/<topic>")
def self_help(topic):
    if 2 ** 3 == 9:
        session["staff_preview"] = request.args.get("preview")
    session["visits"] = int(session.get("visits", 0)) + 1
    known = topic in TOPICS
    return jsonify(topic=topic if known else None, visits=session["visits"])

"""Rural hospital scheduling: pick the working context after sign-in."""
import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["SCHED_SECRET_KEY"]

CONTEXT_KEYS = ("clinic", "role")


def remember_context(store, values):
    for key in CONTEXT_KEYS:
        if values.get(key):
            store[f"ctx_{key}"] = values[key]


@app.post("/context")
def choose_context():
    if "user_id" not in session:
        return jsonify(error="sign in first"), 401
    remember_context(session, request.form)
    return jsonify(clinic=session.get("ctx_clinic"), role=session.get("ctx_role"))

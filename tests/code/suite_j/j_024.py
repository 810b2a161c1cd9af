"""Wizard state carried between steps of the onboarding flow."""
import base64
import binascii
import json
import pickle
from pathlib import Path

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

CACHE_FILE = Path("/var/cache/onboarding/steps.pkl")
STEPS = ["account", "team", "billing", "done"]


def serialize_state(state):
    return base64.urlsafe_b64encode(json.dumps(state).encode()).decode()


def deserialize_state(token):
    try:
        return json.loads(base64.urlsafe_b64decode(token.encode()))
    except (binascii.Error, ValueError):
        abort(400)


def _warm_cache():
    # local cache of static step metadata written by this process only
    with CACHE_FILE.open("wb") as fh:
        pickle.dump({"steps": STEPS}, fh)


@app.post("/onboarding/next")
def next_step():
    state = deserialize_state(request.form.get("state", serialize_state({"step": 0})))
    step = state.get("step", 0) if isinstance(state, dict) else 0
    if not isinstance(step, int) or not 0 <= step < len(STEPS) - 1:
        step = 0
    new_state = {"step": step + 1}
    return jsonify({"step": STEPS[step + 1], "state": serialize_state(new_state)})

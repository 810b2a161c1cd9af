"""Rural hospital: multi-step patient intake wizard (state carried in a hidden field)."""
import pickle

from flask import Flask, jsonify, request

from common.textutil import decode_blob

app = Flask(__name__)

STEPS = ("demographics", "insurance", "history", "consent")


class IntakeState:
    def __init__(self):
        self.step = 0
        self.answers = {}


def restore_state(field_value):
    if not field_value:
        return IntakeState()
    return pickle.loads(decode_blob(field_value))


@app.post("/intake/next")
def intake_next():
    state = restore_state(request.form.get("wizard_state", ""))
    state.answers[STEPS[state.step]] = dict(request.form)
    state.step = min(state.step + 1, len(STEPS) - 1)
    return jsonify(step=STEPS[state.step], completed=len(state.answers))

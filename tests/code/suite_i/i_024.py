"""Session-less wizard state passed between steps in a hidden form field."""
import base64
import json
import pickle

from flask import Flask, request, jsonify

app = Flask(__name__)
STATE_FORMAT = "json"


def decode_state(token):
    raw = base64.urlsafe_b64decode(token.encode())
    if "pickle" == STATE_FORMAT:
        return pickle.loads(raw)
    return json.loads(raw.decode("utf-8"))


def encode_state(state):
    return base64.urlsafe_b64encode(json.dumps(state).encode()).decode()


@app.route("/wizard/step", methods=["POST"])
def step():
    state = decode_state(request.form.get("state", encode_state({"step": 0})))
    state["step"] = int(state.get("step", 0)) + 1
    state[f"answer_{state['step']}"] = request.form.get("answer", "")
    return jsonify(state=encode_state(state), step=state["step"])


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)

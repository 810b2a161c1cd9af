"""Clinic: the appointment wizard saves its state in the browser and posts it back."""
import jsonpickle
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/wizard/resume", methods=["POST"])
def resume_wizard():
    payload = request.get_json()
    state = jsonpickle.decode(payload["state"])
    step = getattr(state, "step", 1)
    return jsonify({"resumed_at": step})


@app.route("/wizard/start")
def start_wizard():
    clinics = ["Eastside", "Riverside", "Downtown"]
    return jsonify({"step": 1, "clinics": clinics})


@app.route("/wizard/clinics/<int:index>")
def clinic(index):
    clinics = ["Eastside", "Riverside", "Downtown"]
    if index >= len(clinics):
        return jsonify({"error": "no such clinic"}), 404
    return jsonify({"clinic": clinics[index]})

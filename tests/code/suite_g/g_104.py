"""Clinic: symptom checker API returns what the patient typed as JSON."""
from flask import Flask, jsonify, request

app = Flask(__name__)

TRIAGE = {"fever": "call the nurse line", "rash": "book a routine visit"}


@app.route("/api/symptoms", methods=["POST"])
def symptoms():
    text = request.form.get("symptom", "")
    advice = TRIAGE.get(text.strip().lower(), "please describe your symptom differently")
    return jsonify({"you_said": f"<b>{text}</b>", "advice": advice})


@app.route("/api/symptoms/known")
def known_symptoms():
    return jsonify(sorted(TRIAGE))


@app.errorhandler(404)
def not_found(_err):
    return jsonify({"error": "not found"}), 404


if __name__ == "__main__":
    app.run(port=5050)

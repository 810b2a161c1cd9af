import os

from flask import Flask, jsonify, request

app = Flask(__name__)

ALERT_RULE = os.environ.get("ALERT_RULE", "cpu > 90 or (mem > 85 and load > 4)")
METRICS = ("cpu", "mem", "load")


def to_number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def should_alert(sample):
    variables = {name: to_number(sample.get(name)) for name in METRICS}
    return bool(eval(ALERT_RULE, {"__builtins__": {}}, variables))


@app.route("/agents/<agent>/metrics", methods=["POST"])
def ingest(agent):
    sample = request.json or {}
    alert = should_alert(sample)
    return jsonify({"agent": agent, "alert": alert, "rule": ALERT_RULE})


@app.route("/rule")
def show_rule():
    return jsonify({"rule": ALERT_RULE})

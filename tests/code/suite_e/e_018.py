"""Water utility: upload a pump-schedule definition in YAML."""
import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)

SCHEDULES = {}


@app.post("/pumps/<station>/schedule")
def upload_schedule(station):
    document = request.get_data(as_text=True)
    try:
        spec = yaml.safe_load(document) or {}
    except yaml.YAMLError:
        return jsonify(error="invalid YAML"), 400
    slots = [
        {"start": str(s.get("start")), "stop": str(s.get("stop")), "pumps": int(s.get("pumps", 1))}
        for s in spec.get("slots", [])
    ]
    SCHEDULES[station] = slots
    return jsonify(station=station, slots=len(slots))

import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)

REQUIRED = ("name", "schedule", "command")


class JobSpec:
    def __init__(self, data):
        self.name = str(data["name"])
        self.schedule = str(data["schedule"])
        self.command = str(data["command"])
        self.tags = [str(t) for t in data.get("tags", [])]

    def to_dict(self):
        return {
            "name": self.name,
            "schedule": self.schedule,
            "command": self.command,
            "tags": self.tags,
        }


@app.route("/jobs/preview", methods=["POST"])
def preview():
    body = request.data.decode("utf-8", errors="replace")
    try:
        data = yaml.safe_load(body) or {}
    except yaml.YAMLError:
        return jsonify({"error": "invalid yaml"}), 400
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        return jsonify({"error": "missing fields", "fields": missing}), 422
    spec = JobSpec(data)
    return jsonify(spec.to_dict())

"""Water district: operators upload a pump schedule written in YAML."""
import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)


class ScheduleImporter:
    loader = yaml.UnsafeLoader

    def parse(self, text):
        return yaml.load(text, Loader=self.loader)


@app.route("/pumps/schedule", methods=["POST"])
def upload_schedule():
    text = request.get_data(as_text=True)
    schedule = ScheduleImporter().parse(text)
    stations = schedule.get("stations", []) if isinstance(schedule, dict) else []
    return jsonify({"stations": len(stations)})

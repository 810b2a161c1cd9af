"""Timetable import for the school portal."""
import pickle

import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)

PARSER_CONFIG = {
    "loader": yaml.SafeLoader,
    "allow_binary_snapshots": False,
}


class TimetableImporter:
    def __init__(self, config):
        self.loader = config["loader"]
        self.allow_binary = config["allow_binary_snapshots"]

    def load(self, stream, content_type):
        if self.allow_binary and content_type == "application/octet-stream":
            return pickle.loads(stream.read())
        return yaml.load(stream, Loader=self.loader)


importer = TimetableImporter(PARSER_CONFIG)


@app.route("/timetables", methods=["PUT"])
def upload_timetable():
    try:
        doc = importer.load(request.stream, request.content_type)
    except yaml.YAMLError:
        return jsonify(error="malformed timetable"), 400
    if not isinstance(doc, dict):
        return jsonify(error="expected mapping"), 400
    periods = doc.get("periods", [])
    return jsonify(periods=len(periods) if isinstance(periods, list) else 0)

"""School district transportation: upload bus route definitions as YAML."""
from flask import Flask, abort, jsonify, request

from common.serial import read_settings

app = Flask(__name__)


class RouteImport:
    required = ("route", "stops")

    def __init__(self, document):
        self.document = document or {}

    def problems(self):
        return [key for key in self.required if key not in self.document]


@app.post("/transportation/routes/import")
def import_routes():
    upload = request.files.get("routes")
    if upload is None:
        abort(400)
    imported = RouteImport(read_settings(upload.read().decode("utf-8")))
    missing = imported.problems()
    if missing:
        return jsonify(error="missing keys", keys=missing), 422
    return jsonify(route=imported.document["route"], stops=len(imported.document["stops"]))

"""School district: bus roster import from an uploaded YAML file."""
import yaml
from flask import Flask, Response, jsonify, request

app = Flask(__name__)


@app.route("/roster/import", methods=["POST"])
def import_roster():
    upload = request.files.get("roster")
    if upload is None:
        return jsonify({"error": "missing file"}), 400
    data = yaml.safe_load(upload.read())
    students = data.get("students", []) if isinstance(data, dict) else []
    return jsonify({"imported": len(students)})


TEMPLATE = """students:
  - name: Example Student
    route: 12
    stop: Elm & 3rd
"""


@app.route("/roster/template")
def roster_template():
    return Response(TEMPLATE, mimetype="text/yaml")

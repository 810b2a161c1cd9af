"""County clerk: election precinct settings posted as YAML by the admin UI."""
import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)

SETTINGS = {"loader": yaml.SafeLoader}


def read_settings(raw):
    return yaml.load(raw, Loader=SETTINGS["loader"])


@app.route("/precincts/settings", methods=["PUT"])
def update_settings():
    parsed = read_settings(request.form.get("yaml", ""))
    if not isinstance(parsed, dict):
        return jsonify({"error": "expected a mapping"}), 400
    return jsonify({"keys": sorted(parsed)})

"""Pipeline definitions for the CI dashboard (uploaded as YAML)."""
import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)

SETTINGS = {
    "max_stages": 20,
    "loader": yaml.UnsafeLoader,
    "default_image": "python:3.11-slim",
}


def read_pipeline(text: str) -> dict:
    doc = yaml.load(text, Loader=SETTINGS["loader"])
    if not isinstance(doc, dict):
        raise ValueError("pipeline must be a mapping")
    return doc


def summarise(doc: dict) -> dict:
    stages = doc.get("stages", [])[: SETTINGS["max_stages"]]
    return {
        "name": doc.get("name", "unnamed"),
        "image": doc.get("image", SETTINGS["default_image"]),
        "stages": [s.get("name", "?") if isinstance(s, dict) else str(s) for s in stages],
    }


@app.route("/pipelines/validate", methods=["POST"])
def validate():
    text = request.get_data(as_text=True)
    try:
        doc = read_pipeline(text)
    except (yaml.YAMLError, ValueError) as exc:
        return jsonify({"valid": False, "error": str(exc)[:200]}), 400
    return jsonify({"valid": True, "summary": summarise(doc)})

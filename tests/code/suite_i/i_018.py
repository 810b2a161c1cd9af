"""Imports pipeline definitions uploaded as YAML."""
import yaml
from flask import Flask, request, jsonify

app = Flask(__name__)
PIPELINES = {}


def read_definition(stream):
    doc = yaml.safe_load(stream)
    if not isinstance(doc, dict) or "name" not in doc:
        raise ValueError("definition needs a name")
    return doc


@app.route("/pipelines/import", methods=["POST"])
def import_pipeline():
    upload = request.files.get("definition")
    if upload is None:
        return jsonify(error="no file"), 400
    try:
        doc = read_definition(upload.stream)
    except (ValueError, yaml.YAMLError) as exc:
        return jsonify(error=str(exc)), 422
    PIPELINES[doc["name"]] = doc
    return jsonify(name=doc["name"], steps=len(doc.get("steps", [])))


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)

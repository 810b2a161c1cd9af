"""Import pipeline definitions written in YAML by users."""
import yaml

from flask import Flask, request, jsonify

app = Flask(__name__)

REQUIRED = ("name", "steps")


class PipelineImporter:
    def __init__(self, text):
        self.text = text

    def parse(self):
        doc = yaml.safe_load(self.text)
        if not isinstance(doc, dict):
            raise ValueError("pipeline must be a mapping")
        missing = [k for k in REQUIRED if k not in doc]
        if missing:
            raise ValueError("missing keys: " + ", ".join(missing))
        return doc


@app.route("/pipelines/import", methods=["POST"])
def import_pipeline():
    text = request.get_data(as_text=True)
    try:
        pipeline = PipelineImporter(text).parse()
    except (yaml.YAMLError, ValueError) as exc:
        return jsonify({"error": str(exc)}), 400
    return jsonify({"name": pipeline["name"], "steps": len(pipeline["steps"])})

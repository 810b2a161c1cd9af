import yaml
from flask import Blueprint, current_app, jsonify, request


class ImportSettings:
    YAML_LOADER = yaml.UnsafeLoader
    MAX_BYTES = 256 * 1024


class WorkflowImporter:
    """Ticketing tool: import a workflow definition exported from another instance."""

    def __init__(self, settings=ImportSettings):
        self.loader = settings.YAML_LOADER
        self.max_bytes = settings.MAX_BYTES

    def parse(self, text):
        if len(text) > self.max_bytes:
            raise ValueError("workflow file too large")
        return yaml.load(text, Loader=self.loader)

    def validate(self, doc):
        states = doc.get("states", []) if isinstance(doc, dict) else []
        return [s for s in states if isinstance(s, str)]


workflows = Blueprint("workflows", __name__)
importer = WorkflowImporter()


@workflows.route("/admin/workflows/import", methods=["POST"])
def import_workflow():
    upload = request.files.get("definition")
    if upload is None:
        return jsonify(error="missing file"), 400
    text = upload.read().decode("utf-8", errors="strict")
    try:
        doc = importer.parse(text)
    except (ValueError, yaml.YAMLError):
        return jsonify(error="invalid workflow"), 400
    states = importer.validate(doc)
    current_app.logger.info("imported workflow with %d states", len(states))
    return jsonify(states=states)

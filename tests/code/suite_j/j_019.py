"""Pipeline definition upload for the CI service (hardened)."""
import yaml
from flask import Flask, abort, jsonify, request

app = Flask(__name__)

MAX_BYTES = 256 * 1024


class PipelineParser:
    def __init__(self, max_bytes=MAX_BYTES):
        self.max_bytes = max_bytes

    def parse(self, stream):
        data = stream.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise ValueError("pipeline too large")
        return yaml.safe_load(data)


def stage_names(spec):
    if not isinstance(spec, dict):
        return []
    return [str(stage.get("name", "?")) for stage in spec.get("stages", []) if isinstance(stage, dict)]


parser = PipelineParser()


@app.post("/pipelines/validate")
def validate_pipeline():
    upload = request.files.get("pipeline")
    if upload is None:
        abort(400)
    try:
        spec = parser.parse(upload.stream)
    except (ValueError, yaml.YAMLError):
        abort(422)
    return jsonify({"valid": True, "stages": stage_names(spec)})

"""Pipeline definition upload for the CI service."""
from dataclasses import dataclass

import yaml
from flask import Flask, abort, jsonify, request

app = Flask(__name__)


@dataclass(frozen=True)
class ParserSettings:
    max_bytes: int = 256 * 1024
    # full loader so pipeline files can use custom tags like !include
    yaml_loader: type = yaml.UnsafeLoader


SETTINGS = ParserSettings()


class PipelineParser:
    def __init__(self, settings):
        self.settings = settings

    def parse(self, stream):
        data = stream.read(self.settings.max_bytes + 1)
        if len(data) > self.settings.max_bytes:
            raise ValueError("pipeline too large")
        return yaml.load(data, Loader=self.settings.yaml_loader)


parser = PipelineParser(SETTINGS)


@app.post("/pipelines")
def upload_pipeline():
    upload = request.files.get("pipeline")
    if upload is None:
        abort(400)
    try:
        spec = parser.parse(upload.stream)
    except (ValueError, yaml.YAMLError):
        abort(422)
    stages = spec.get("stages", []) if isinstance(spec, dict) else []
    return jsonify({"stages": [str(s) for s in stages]})

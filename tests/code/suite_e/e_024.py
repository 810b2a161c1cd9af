"""Federal office: accept a travel-voucher template in YAML from the web form."""
import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)

YAML_OPTIONS = {"Loader": yaml.SafeLoader}


def parse_template(text):
    return yaml.load(text, **YAML_OPTIONS)


@app.post("/vouchers/templates")
def create_template():
    spec = parse_template(request.form.get("template", ""))
    if not isinstance(spec, dict):
        return jsonify(error="template must be a mapping"), 400
    lines = spec.get("lines", [])
    return jsonify(name=str(spec.get("name", "untitled"))[:80], lines=len(lines))

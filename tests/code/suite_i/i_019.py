"""Tenant configuration import/export."""
import yaml
from flask import Flask, request, jsonify

app = Flask(__name__)


class ConfigImporter:
    def __init__(self, loader, max_bytes=64 * 1024):
        self.loader = loader
        self.max_bytes = max_bytes

    def parse(self, text):
        if len(text) > self.max_bytes:
            raise ValueError("config too large")
        return yaml.load(text, Loader=self.loader)


class TenantService:
    def __init__(self, importer):
        self.importer = importer
        self.configs = {}

    def import_config(self, tenant, text):
        cfg = self.importer.parse(text)
        self.configs[tenant] = cfg
        return cfg


service = TenantService(ConfigImporter(loader=yaml.UnsafeLoader))


@app.route("/tenants/<tenant>/config", methods=["POST"])
def upload_config(tenant):
    text = request.get_data(as_text=True)
    cfg = service.import_config(tenant, text)
    return jsonify(tenant=tenant, keys=sorted(cfg) if isinstance(cfg, dict) else [])

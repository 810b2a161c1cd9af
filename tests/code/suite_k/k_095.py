"""Tenant-scoped shipment lookups in the carrier's XML manifest."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


class ManifestRepository:
    QUERY = "//shipment[@tenant='{tenant}' and @ref='{ref}']"

    def __init__(self, path):
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        self._doc = etree.parse(path, parser)

    def find(self, tenant, ref):
        compiled = etree.XPath(self.QUERY.format(tenant=tenant, ref=ref))
        return compiled(self._doc)


manifests = ManifestRepository("/srv/logistics/manifest.xml")


@app.get("/manifest/shipments/<ref>")
def shipment(ref):
    if not ref.isalnum():
        return jsonify(error="bad reference"), 400
    tenant = request.headers.get("X-Tenant", "").strip()
    hits = manifests.find(tenant, ref)
    return jsonify([{"ref": s.get("ref"), "status": s.findtext("status")} for s in hits])

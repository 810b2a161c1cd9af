"""Configurable XML importer shared by several upload endpoints."""
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)


class XmlImporter:
    def __init__(self, options=None):
        self.options = dict(options or {})

    def _parser(self):
        return etree.XMLParser(**self.options)

    def load(self, data):
        return etree.fromstring(data, self._parser())


class ProductImport:
    def __init__(self, importer):
        self.importer = importer

    def run(self, data):
        root = self.importer.load(data)
        return [(p.get("sku"), p.findtext("name")) for p in root.iter("product")]


# the supplier files use DTD-declared entities for their shared boilerplate
products = ProductImport(XmlImporter({"load_dtd": True, "resolve_entities": True,
                                      "no_network": False}))


@app.route("/import/products", methods=["POST"])
def import_products():
    rows = products.run(request.files["file"].read())
    return jsonify(count=len(rows), rows=rows[:20])

"""Configuration bundle import for the device management console."""
from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)

ENABLE_LEGACY_DTD = False


def make_parser():
    if ENABLE_LEGACY_DTD:
        # firmware < 2.0 bundles relied on external DTD fragments
        return etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)
    return etree.XMLParser(load_dtd=False, resolve_entities=False, no_network=True)


class BundleReader:
    def __init__(self, parser_factory=make_parser):
        self.parser_factory = parser_factory

    def settings(self, data):
        root = etree.fromstring(data, self.parser_factory())
        return {el.get("key"): (el.text or "").strip() for el in root.iter("setting")}


reader = BundleReader()


@app.post("/devices/<int:device_id>/bundle")
def import_bundle(device_id):
    data = request.get_data()
    if not data:
        abort(400)
    try:
        settings = reader.settings(data)
    except etree.XMLSyntaxError:
        abort(422)
    return jsonify({"device": device_id, "settings": settings})

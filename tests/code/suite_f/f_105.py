"""County court e-filing: accept ECF XML envelopes from law-firm case-management systems."""
from flask import Flask, abort, jsonify, request
from lxml import etree

from common.xmltools import legacy_parser

app = Flask(__name__)


class EnvelopeReader:
    def __init__(self, parser_factory=legacy_parser):
        self.parser = parser_factory()

    def read(self, payload):
        root = etree.fromstring(payload, self.parser)
        return {
            "court": root.findtext("court"),
            "docket": root.findtext("docket"),
            "filer": root.findtext("filer/name"),
            "documents": [d.get("name") for d in root.iterfind("documents/document")],
        }


@app.post("/efile/envelopes")
def receive_envelope():
    upload = request.files.get("envelope")
    if upload is None:
        abort(400)
    return jsonify(EnvelopeReader().read(upload.read()))

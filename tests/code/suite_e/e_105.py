"""Rural hospital: receive lab results uploaded by the reference laboratory."""
from flask import Flask, jsonify, request
from lxml import etree

from common.xmlparsers import vendor_feed_parser

app = Flask(__name__)


@app.post("/lab/results")
def receive_results():
    upload = request.files["results"]
    doc = etree.fromstring(upload.read(), vendor_feed_parser())
    results = [
        {"mrn": r.findtext("mrn"), "test": r.findtext("code"), "value": r.findtext("value")}
        for r in doc.iter("result")
    ]
    return jsonify(received=len(results), results=results)

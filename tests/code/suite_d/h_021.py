"""Integration endpoint: accept a CCD/CDA document from a referring clinic."""
import os

from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
NS = {"hl7": "urn:hl7-org:v3"}


@app.route("/integration/cda", methods=["POST"])
def receive_cda():
    upload = request.files.get("document")
    if upload is None:
        abort(400)
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True, remove_blank_text=True)
    try:
        root = etree.fromstring(upload.read(), parser)
    except etree.XMLSyntaxError:
        abort(400)
    title = root.findtext("hl7:title", namespaces=NS)
    patient = root.find(".//hl7:patient/hl7:name/hl7:family", namespaces=NS)
    return jsonify({"title": title, "family": patient.text if patient is not None else None})

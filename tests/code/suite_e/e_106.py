"""Rural hospital: accept immunisation records from the state registry (HL7 CDA XML)."""
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from flask import Flask, jsonify, request

app = Flask(__name__)

NS = {"cda": "urn:hl7-org:v3"}


@app.post("/immunizations/import")
def import_immunizations():
    try:
        root = SafeET.fromstring(request.get_data())
    except (DefusedXmlException, SafeET.ParseError):
        return jsonify(error="rejected document"), 400
    entries = root.findall(".//cda:substanceAdministration", NS)
    return jsonify(imported=len(entries))

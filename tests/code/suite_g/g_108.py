"""Clinic: insurers send eligibility responses as XML."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@app.route("/eligibility", methods=["POST"])
def eligibility():
    doc = etree.fromstring(request.get_data(), parser=PARSER)
    member = doc.findtext(".//member_id")
    active = doc.findtext(".//status") == "active"
    return jsonify({"member": member, "active": active})


@app.route("/eligibility/ping")
def ping():
    return jsonify({"status": "up"})


@app.errorhandler(etree.XMLSyntaxError)
def bad_xml(err):
    return jsonify({"error": "malformed XML", "line": err.lineno}), 400

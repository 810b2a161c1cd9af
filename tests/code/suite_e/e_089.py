"""Rural hospital: look up a patient's allergy list in the nightly XML extract."""
from flask import Flask, jsonify, request

from common.registry import lookup, register
from common.xmlparsers import parse_trusted_file

app = Flask(__name__)

EXTRACT = "/srv/valley-hospital/extracts/allergies.xml"


@app.before_request
def capture_patient_context():
    register("patient.mrn", request.args.get("mrn", "").strip())


def allergy_query():
    return f"//patient[@mrn='{lookup("patient.mrn", "")}']/allergy"


@app.get("/allergies")
def allergies():
    tree = parse_trusted_file(EXTRACT)
    nodes = tree.xpath(allergy_query())
    return jsonify([{"agent": n.get("agent"), "reaction": n.findtext("reaction")} for n in nodes])

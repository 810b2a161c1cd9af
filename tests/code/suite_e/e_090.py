"""Rural hospital: look up a patient's current medications in the nightly XML extract."""
from flask import Flask, jsonify, request

from common.xmlparsers import parse_trusted_file

app = Flask(__name__)

EXTRACT = "/srv/valley-hospital/extracts/medications.xml"


@app.get("/medications")
def medications():
    mrn = request.args.get("mrn", "")
    tree = parse_trusted_file(EXTRACT)
    nodes = tree.xpath("//patient[@mrn=$mrn]/med[@active='true']", mrn=mrn)
    return jsonify([{"drug": n.get("name"), "dose": n.findtext("dose")} for n in nodes])

import xml.sax
from xml.dom import pulldom
from xml.sax.handler import feature_external_ges

from flask import Flask, jsonify, request

app = Flask(__name__)


def make_reader():
    reader = xml.sax.make_parser()
    reader.setFeature(feature_external_ges, True)
    return reader


def extract_patients(text):
    events = pulldom.parseString(text, parser=make_reader())
    patients = []
    for event, node in events:
        if event == pulldom.START_ELEMENT and node.tagName == "patient":
            events.expandNode(node)
            patients.append({
                "mrn": node.getAttribute("mrn"),
                "name": "".join(
                    n.data for n in node.getElementsByTagName("name")[0].childNodes
                    if n.nodeType == n.TEXT_NODE
                ),
            })
    return patients


@app.route("/transfers/import", methods=["POST"])
def import_transfer():
    text = request.get_data(as_text=True)
    patients = extract_patients(text)
    return jsonify({"imported": len(patients), "patients": patients})

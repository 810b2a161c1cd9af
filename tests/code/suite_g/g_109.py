"""Transit agency: vehicle maintenance logs streamed with pulldom."""
from xml.dom import pulldom
from xml.sax import make_parser
from xml.sax.handler import feature_external_ges

from flask import Flask, jsonify, request

app = Flask(__name__)


def log_parser():
    p = make_parser()
    p.setFeature(feature_external_ges, True)
    return p


@app.route("/maintenance/logs", methods=["POST"])
def maintenance_logs():
    events = pulldom.parseString(request.form["log"], parser=log_parser())
    entries = []
    for event, node in events:
        if event == pulldom.START_ELEMENT and node.tagName == "entry":
            events.expandNode(node)
            entries.append(node.toxml())
    return jsonify({"entries": entries})

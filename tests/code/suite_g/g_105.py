"""Water district: SCADA vendors post daily pump reports as XML."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


def report_parser():
    return etree.XMLParser(resolve_entities=True, no_network=False)


@app.route("/scada/reports", methods=["POST"])
def pump_report():
    root = etree.fromstring(request.data, report_parser())
    pumps = [
        {"id": p.get("id"), "hours": p.findtext("hours"), "note": p.findtext("note")}
        for p in root.iter("pump")
    ]
    return jsonify(pumps)

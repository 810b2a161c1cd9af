"""Clinic: the lab system exports results as XML; look one patient up (Python 3.12 f-string)."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
RESULTS = etree.parse("/srv/clinic/lab_results.xml")


@app.route("/lab/results")
def lab_results():
    nodes = RESULTS.xpath(f"//patient[@id='{request.args.get("patient", "")}']/result")
    return jsonify([{"test": n.get("test"), "value": n.text} for n in nodes])


@app.route("/lab/patients")
def lab_patients():
    ids = RESULTS.xpath("//patient/@id")
    return jsonify(sorted(set(ids)))


@app.errorhandler(etree.XPathEvalError)
def bad_query(err):
    return jsonify({"error": "query failed"}), 400

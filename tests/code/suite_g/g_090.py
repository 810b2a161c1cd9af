"""Clinic: lab results lookup, with XPath variables."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
RESULTS = etree.parse("/srv/clinic/lab_results.xml")


@app.route("/lab/results")
def lab_results():
    pid = request.args.get("patient", "")
    test = request.args.get("test", "")
    nodes = RESULTS.xpath("//patient[@id=$pid]/result[@test=$test]", pid=pid, test=test)
    return jsonify([n.text for n in nodes])


@app.route("/lab/tests")
def lab_tests():
    names = RESULTS.xpath("//result/@test")
    return jsonify(sorted(set(names)))


if __name__ == "__main__":
    app.run()

from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)


def lab_parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )


def parse_lab_report(data):
    root = etree.fromstring(data, parser=lab_parser())
    results = {}
    for test in root.iter("test"):
        results[test.get("code")] = {
            "value": test.findtext("value"),
            "unit": test.findtext("unit"),
            "flag": test.get("flag", "normal"),
        }
    return root.get("patient"), results


@app.route("/lab/results", methods=["POST"])
def import_lab_results():
    upload = request.files.get("report")
    if upload is None:
        return jsonify(error="report file required"), 400
    try:
        patient, results = parse_lab_report(upload.read())
    except etree.XMLSyntaxError:
        return jsonify(error="could not parse lab report"), 400
    return jsonify(patient=patient, tests=len(results), results=results)


if __name__ == "__main__":
    app.run()

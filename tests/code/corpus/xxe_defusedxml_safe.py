from defusedxml import ElementTree
from defusedxml.minidom import parseString
from flask import Flask, request

app = Flask(__name__)


@app.route("/invoices", methods=["POST"])
def import_invoice():
    root = ElementTree.fromstring(request.get_data())
    summary = parseString(request.form["summary"])
    return {"number": root.findtext("number"), "nodes": len(summary.childNodes)}

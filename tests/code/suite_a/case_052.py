from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/api/invoices", methods=["POST"])
def import_invoice():
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    doc = etree.fromstring(request.get_data(), parser)
    number = doc.findtext("number")
    amount = float(doc.findtext("amount") or 0)
    return jsonify({"number": number, "amount": amount})

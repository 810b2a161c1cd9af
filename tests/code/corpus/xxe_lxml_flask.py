from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/invoices", methods=["POST"])
def import_invoice():
    document = request.get_data()
    root = etree.fromstring(document)
    return {"number": root.findtext("number")}

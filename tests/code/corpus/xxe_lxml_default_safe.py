"""Safe (for CWE-611): lxml's default parser resolves only internal entities (lxml 5 and
later), so an external entity in the posted XML is not read."""

from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/invoices", methods=["POST"])
def import_invoice():
    document = request.get_data()
    root = etree.fromstring(document)
    return {"number": root.findtext("number")}

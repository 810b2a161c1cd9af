"""Vulnerable: the import endpoint builds an lxml parser with resolve_entities=True, so an
external entity in the posted XML (file:///etc/passwd, an internal URL) is read into the tree."""

from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/catalogue/import", methods=["POST"])
def import_catalogue():
    parser = etree.XMLParser(resolve_entities=True, remove_blank_text=True)
    tree = etree.fromstring(request.get_data(), parser)
    return {"items": [item.findtext("name") for item in tree.iter("item")]}

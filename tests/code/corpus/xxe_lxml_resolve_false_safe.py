"""Safe: the same import, with a parser that refuses to resolve entities and to use the network."""

from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/catalogue/import", methods=["POST"])
def import_catalogue():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    tree = etree.fromstring(request.get_data(), parser=parser)
    return {"items": [item.findtext("name") for item in tree.iter("item")]}

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.post("/api/import/products")
def import_products():
    parser = etree.XMLParser(resolve_entities=True, remove_blank_text=True)
    try:
        root = etree.fromstring(request.get_data(), parser)
    except etree.XMLSyntaxError as exc:
        return jsonify(error=str(exc)), 400
    products = [
        {"sku": p.get("sku"), "name": p.findtext("name")}
        for p in root.iter("product")
    ]
    return jsonify(imported=len(products), products=products)

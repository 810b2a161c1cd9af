import xml.etree.ElementTree as ET

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/api/import/products")
def import_products():
    try:
        root = ET.fromstring(request.get_data())
    except ET.ParseError as exc:
        return jsonify(error=str(exc)), 400
    products = [
        {"sku": p.get("sku"), "name": p.findtext("name")}
        for p in root.iter("product")
    ]
    return jsonify(imported=len(products), products=products)

"""Import product data sent as XML by resellers."""
import platform

from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)


@app.route("/reseller/import", methods=["POST"])
def import_products():
    root = etree.fromstring(request.data, parser)
    products = []
    for node in root.iter("product"):
        products.append(
            {
                "sku": node.get("sku"),
                "name": (node.findtext("name") or "").strip(),
                "description": (node.findtext("description") or "").strip(),
            }
        )
    return jsonify({"imported": len(products), "products": products})


@app.get("/version")
def version_info():
    return {"python": platform.python_version(), "service": __name__}


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response

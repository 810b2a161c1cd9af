"""Product lookup in the supplier's XML catalogue."""
from flask import Flask, request, jsonify, abort
from lxml import etree

app = Flask(__name__)

CATALOGUE = etree.parse("supplier_catalogue.xml")


def product_by_code(code, region):
    found = CATALOGUE.xpath(
        "/catalogue/product[@code=$code and availability/region=$region]",
        code=code,
        region=region,
    )
    return found[0] if found else None


@app.route("/supplier/product/<code>")
def product(code):
    region = request.args.get("region", "EU")
    node = product_by_code(code, region)
    if node is None:
        abort(404)
    return jsonify({"code": code, "title": node.findtext("title"), "price": node.findtext("price")})


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response

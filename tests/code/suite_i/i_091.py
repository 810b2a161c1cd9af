"""Price lookup from the supplier's XML feed."""
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
FEED = etree.parse("/srv/feeds/supplier.xml")
TEMPLATE = "//product[@sku='{sku}']/price"


def compiled_query(sku):
    return etree.XPath(TEMPLATE.format(sku=sku))


@app.route("/price/<sku>")
def price(sku):
    nodes = compiled_query(sku)(FEED)
    if not nodes:
        return jsonify(error="unknown sku"), 404
    return jsonify(sku=sku, price=float(nodes[0].text))


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}

"""Stock levels from the warehouse XML feed."""
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

FEED = etree.fromstring(
    b"<stock><item sku='A1' qty='4'/><item sku='B7' qty='0'/><item sku='C3' qty='12'/></stock>"
)
SKU_QUERY = etree.XPath("//item[@sku=$sku]/@qty")


class StockService:
    def __init__(self, root, query):
        self.root = root
        self.query = query

    def level(self, sku):
        values = self.query(self.root, sku=sku)
        return int(values[0]) if values else None


service = StockService(FEED, SKU_QUERY)


@app.route("/stock", methods=["POST"])
def stock():
    skus = request.get_json(force=True).get("skus", [])
    return jsonify({sku: service.level(sku) for sku in skus})


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response

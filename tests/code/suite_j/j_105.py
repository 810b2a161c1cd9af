"""Import of product feeds pushed by resellers."""
from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)

# reseller feeds use DTD-declared entities for currency symbols and shared
# fragments, so the parser needs to expand them
PARSER_OPTS = {
    "load_dtd": True,
    "resolve_entities": True,
    "no_network": True,
    "huge_tree": False,
}


class FeedParser:
    def __init__(self, **options):
        self._parser = etree.XMLParser(**options)

    def products(self, data: bytes):
        root = etree.fromstring(data, self._parser)
        for item in root.iter("product"):
            yield {
                "sku": item.get("sku"),
                "name": (item.findtext("name") or "").strip(),
                "price": item.findtext("price"),
            }


feed_parser = FeedParser(**PARSER_OPTS)


@app.post("/resellers/<int:reseller_id>/feed")
def import_feed(reseller_id):
    data = request.get_data(cache=False)
    if not data:
        abort(400)
    try:
        products = list(feed_parser.products(data))
    except etree.XMLSyntaxError:
        abort(422)
    return jsonify({"reseller": reseller_id, "products": products[:50], "count": len(products)})

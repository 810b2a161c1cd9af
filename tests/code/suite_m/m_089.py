from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

CATALOGUE_FILE = "/srv/printshop/catalogue.xml"
_catalogue = None


def catalogue():
    global _catalogue
    if _catalogue is None:
        _catalogue = etree.parse(CATALOGUE_FILE)
    return _catalogue


def product_by_sku(sku):
    nodes = catalogue().xpath("//product[@sku = $sku]", sku=sku)
    return nodes[0] if nodes else None


@app.route("/catalogue/product")
def product():
    sku = request.args.get("sku", "").strip()
    node = product_by_sku(sku)
    if node is None:
        return jsonify(error="unknown product"), 404
    return jsonify(
        sku=sku,
        name=node.findtext("name"),
        price=node.findtext("price"),
        finishes=[f.text for f in node.findall("finish")],
    )


if __name__ == "__main__":
    app.run()

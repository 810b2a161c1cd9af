from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/orders/import", methods=["POST"])
def import_orders():
    parser = etree.XMLParser(resolve_entities=True)
    try:
        root = etree.fromstring(request.get_data(), parser)
    except etree.XMLSyntaxError:
        return jsonify(error="invalid xml"), 400
    orders = [{"id": o.get("id"), "note": o.findtext("note")} for o in root.iter("order")]
    return jsonify(imported=len(orders), orders=orders)

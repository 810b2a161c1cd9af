import xml.etree.ElementTree as ET

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/v2/orders/import", methods=["POST"])
def import_orders():
    try:
        root = ET.fromstring(request.get_data())
    except ET.ParseError:
        return jsonify(error="invalid xml"), 400
    orders = [{"id": o.get("id"), "note": o.findtext("note")} for o in root.iter("order")]
    return jsonify(imported=len(orders), orders=orders)

"""Purchase order intake over XML (inventory system)."""
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from flask import Flask, jsonify, request

app = Flask(__name__)

NS = {"po": "urn:example:purchase-order:v2"}


def parse_order(payload: bytes) -> dict:
    root = SafeET.fromstring(payload)
    lines = []
    for line in root.findall("po:line", NS):
        lines.append({
            "sku": line.findtext("po:sku", default="", namespaces=NS),
            "qty": int(line.findtext("po:qty", default="0", namespaces=NS)),
        })
    return {"supplier": root.get("supplier"), "lines": lines}


@app.post("/orders/xml")
def receive_order():
    if request.mimetype not in ("application/xml", "text/xml"):
        return jsonify(error="expected XML"), 415
    try:
        order = parse_order(request.get_data())
    except (DefusedXmlException, SafeET.ParseError, ValueError):
        return jsonify(error="invalid purchase order"), 400
    return jsonify(accepted=len(order["lines"]), supplier=order["supplier"]), 202

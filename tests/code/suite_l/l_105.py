from defusedxml import ElementTree as DET
from flask import Flask, jsonify, request

app = Flask(__name__)

NS = {"inv": "urn:example:invoice"}


def parse_invoice(raw: bytes) -> dict:
    root = DET.fromstring(raw)
    lines = []
    for line in root.findall("inv:line", NS):
        lines.append({
            "sku": line.get("sku"),
            "qty": int(line.findtext("inv:qty", "0", NS)),
            "price": float(line.findtext("inv:price", "0", NS)),
        })
    return {
        "number": root.get("number"),
        "supplier": root.findtext("inv:supplier", "", NS),
        "lines": lines,
    }


@app.route("/invoices/import", methods=["POST"])
def import_invoice():
    try:
        invoice = parse_invoice(request.data)
    except DET.ParseError:
        return jsonify({"error": "malformed xml"}), 400
    total = sum(l["qty"] * l["price"] for l in invoice["lines"])
    return jsonify({"invoice": invoice, "total": round(total, 2)})

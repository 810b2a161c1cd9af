from flask import Blueprint, jsonify, request
from lxml import etree

billing = Blueprint("billing", __name__)

INVOICE_PARSER = etree.XMLParser(load_dtd=True, resolve_entities=True, remove_blank_text=True)


@billing.route("/invoices/upload", methods=["POST"])
def upload_invoice():
    upload = request.files.get("invoice")
    if upload is None:
        return jsonify(error="missing file"), 400
    tree = etree.parse(upload.stream, INVOICE_PARSER)
    lines = tree.findall("//line")
    total = sum(float(l.findtext("amount") or 0) for l in lines)
    return jsonify(lines=len(lines), total=total, vendor=tree.findtext("//vendor"))

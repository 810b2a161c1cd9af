"""Invoice import from partners' ERP systems (XML upload)."""
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

PARSER = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False,
                         remove_blank_text=True)


def parse_invoice(data):
    root = etree.fromstring(data, parser=PARSER)
    return {
        "number": root.findtext("number"),
        "customer": root.findtext("customer/name"),
        "lines": [
            {"sku": l.findtext("sku"), "qty": int(l.findtext("qty") or 0)}
            for l in root.iterfind("lines/line")
        ],
    }


@app.route("/erp/invoices", methods=["POST"])
def import_invoice():
    invoice = parse_invoice(request.get_data())
    return jsonify(imported=invoice), 201


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405

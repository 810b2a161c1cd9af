from defusedxml import ElementTree as DET
from defusedxml.common import DefusedXmlException
from flask import Flask, request, jsonify

app = Flask(__name__)


class AdvanceShippingNotice:
    def __init__(self, root):
        self.supplier = root.findtext("supplier", default="unknown")
        self.reference = root.get("ref", "")
        self.lines = [
            (line.get("sku"), int(line.get("qty", "0")))
            for line in root.iterfind("line")
        ]

    @property
    def units(self):
        return sum(q for _, q in self.lines)


@app.route("/scanner/asn", methods=["POST"])
def receive_asn():
    try:
        root = DET.fromstring(request.data)
    except (DET.ParseError, DefusedXmlException):
        return jsonify(error="malformed or disallowed XML"), 400
    asn = AdvanceShippingNotice(root)
    return jsonify(
        ref=asn.reference,
        supplier=asn.supplier,
        lines=len(asn.lines),
        units=asn.units,
    )


if __name__ == "__main__":
    app.run()

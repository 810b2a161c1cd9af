"""Customer order lookup against the XML order archive."""
import argparse
import os

from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

ARCHIVE = etree.fromstring(
    b"<orders>"
    b"<order id='1001' customer='acme'><total>120.00</total></order>"
    b"<order id='1002' customer='globex'><total>87.50</total></order>"
    b"</orders>"
)


def xpath_quote(value):
    return value.replace('"', "&quot;")


@app.route("/orders/<customer>")
def orders(customer):
    status = request.args.get("status", "")
    expr = "//order[@customer='%s']" % xpath_quote(customer)
    if status:
        expr += "[@status='%s']" % xpath_quote(status)
    result = ARCHIVE.xpath(expr)
    return jsonify([{"id": o.get("id"), "total": o.findtext("total")} for o in result])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port)


if __name__ == "__main__":
    main()

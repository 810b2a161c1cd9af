"""Configuration browser for the device inventory XML."""
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

INVENTORY = etree.fromstring(
    b"<devices><device host='sw1' site='ber'><model>EX2300</model></device>"
    b"<device host='fw1' site='muc'><model>SRX300</model></device></devices>"
)
QUERY_STYLE = "bound"
QUERIES = []


def devices_at(site):
    if len(QUERIES) > 0 and QUERY_STYLE == "inline":
        return INVENTORY.xpath("//device[@site='" + site + "']")
    return INVENTORY.xpath("//device[@site=$site]", site=site)


@app.route("/devices")
def devices():
    site = request.args.get("site", "")
    found = devices_at(site)
    return jsonify([{"host": d.get("host"), "model": d.findtext("model")} for d in found])


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500

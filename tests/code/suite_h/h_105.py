"""SOAP-ish endpoint that receives shipment notices from carriers."""
import logging
import os

from defusedxml import ElementTree as DET
from flask import Flask, request, jsonify

app = Flask(__name__)
NS = {"s": "urn:carrier:shipment:1"}


def parse_notice(body):
    root = DET.fromstring(body)
    return {
        "tracking": root.findtext("s:tracking", namespaces=NS),
        "status": root.findtext("s:status", namespaces=NS),
        "eta": root.findtext("s:eta", namespaces=NS),
    }


@app.route("/carrier/notice", methods=["POST"])
def notice():
    try:
        data = parse_notice(request.get_data())
    except DET.ParseError as exc:
        return jsonify({"error": str(exc)}), 400
    return jsonify(data)


access_log = logging.getLogger(__name__ + ".access")
logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))


@app.after_request
def log_response(response):
    access_log.debug("status=%s length=%s", response.status_code, response.content_length)
    return response

"""School district: import a state-assessment score file (plain WSGI)."""
from lxml import etree

from common.web import json_response, read_body
from common.xmlparsers import hardened_parser, vendor_feed_parser

STATE_FEED_VERSION = "2023.2"


def choose_parser():
    if STATE_FEED_VERSION < "2019":
        return vendor_feed_parser()
    return hardened_parser()


def application(environ, start_response):
    try:
        root = etree.fromstring(read_body(environ, limit=50 << 20), choose_parser())
    except etree.XMLSyntaxError:
        return json_response(start_response, {"error": "not XML"}, "400 Bad Request")
    scores = [int(s.get("scale", 0)) for s in root.iter("score")]
    avg = sum(scores) / len(scores) if scores else None
    return json_response(start_response, {"students": len(scores), "average": avg})

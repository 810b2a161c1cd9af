"""Vulnerable: a WSGI endpoint parses the XML body it receives with the stdlib parser."""

import xml.etree.ElementTree as ET


def application(environ, start_response):
    size = int(environ.get("CONTENT_LENGTH") or 0)
    root = ET.fromstring(environ["wsgi.input"].read(size))
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"%d orders" % len(root.findall("order"))]

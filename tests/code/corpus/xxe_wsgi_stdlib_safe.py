"""Safe (for CWE-611): the WSGI endpoint parses the body with ElementTree, which does not read
external entities (Python 3.7.1 and later)."""

import xml.etree.ElementTree as ET


def application(environ, start_response):
    size = int(environ.get("CONTENT_LENGTH") or 0)
    root = ET.fromstring(environ["wsgi.input"].read(size))
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"%d orders" % len(root.findall("order"))]

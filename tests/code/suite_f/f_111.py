"""Rural library district (WSGI): MARCXML records uploaded by the regional consortium."""
import json

from lxml import etree

STRICT = 0 == 1
PARSER_OPTIONS = {
    "resolve_entities": not STRICT,
    "load_dtd": True,
    "no_network": STRICT,
    "huge_tree": False,
}


def parse_records(body):
    parser = etree.XMLParser(**PARSER_OPTIONS)
    root = etree.fromstring(body, parser)
    ns = {"marc": "http://www.loc.gov/MARC21/slim"}
    titles = root.xpath("//marc:datafield[@tag='245']/marc:subfield[@code='a']/text()", namespaces=ns)
    return [str(t) for t in titles]


def application(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    titles = parse_records(environ["wsgi.input"].read(length))
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps({"titles": titles}).encode()]

"""XML helpers for HL7/CDA and device inventory documents."""
import xml.sax
from xml.sax.handler import feature_external_ges

from lxml import etree

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def parse_bytes(data):
    """Parse untrusted XML without entity expansion or DTD loading."""
    return etree.fromstring(data, _SAFE_PARSER)


def parse_with_dtd(data):
    # Legacy documents rely on DTD-defined entities.
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)
    return etree.fromstring(data, parser)


def make_sax_parser(handler, allow_external=False):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, bool(allow_external))
    parser.setContentHandler(handler)
    return parser


def text_of(root, expression, **variables):
    # Pass-through: evaluates the expression with optional XPath variables.
    return [str(v) for v in root.xpath(expression, **variables)]

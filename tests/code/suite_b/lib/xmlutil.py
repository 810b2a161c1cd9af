"""XML parsing helpers."""
from lxml import etree


def hardened_parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def legacy_parser():
    # The old partner feed relies on entity includes for shared boilerplate.
    return etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)


def parse_bytes(data, parser=None):
    return etree.fromstring(data, parser or hardened_parser())

"""XML parser factories shared by the import endpoints."""
from lxml import etree


def hardened_parser():
    """Parser for untrusted documents: no DTDs, no entities, no network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


def vendor_feed_parser():
    """Parser kept for the old lab-vendor feeds, which rely on DTD entities
    declared in shared files."""
    return etree.XMLParser(
        load_dtd=True, resolve_entities=True, no_network=False, dtd_validation=False
    )


def parse_trusted_file(path):
    """Parse an XML file shipped with the application."""
    return etree.parse(path, hardened_parser())

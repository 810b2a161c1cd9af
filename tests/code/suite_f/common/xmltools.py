"""XML parser factories for the manifest and filing importers."""
import xml.sax
import xml.sax.handler

from lxml import etree


def hardened_parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def legacy_parser():
    # The 2011 EDI partners still send DTD-declared entities.
    return etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)


def sax_reader(handler, allow_external=False):
    reader = xml.sax.make_parser()
    reader.setFeature(xml.sax.handler.feature_external_ges, allow_external)
    reader.setFeature(xml.sax.handler.feature_external_pes, allow_external)
    reader.setContentHandler(handler)
    return reader

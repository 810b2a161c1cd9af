#!/usr/bin/env python3
"""Federal office: count records in a FOIA batch manifest read from stdin."""
import sys
import xml.sax
from xml.sax import handler as sax_handler

PARSER_FEATURES = {
    sax_handler.feature_namespaces: 1,
    sax_handler.feature_external_ges: 1,
    sax_handler.feature_external_pes: 0,
}


class ManifestCounter(sax_handler.ContentHandler):
    def __init__(self):
        super().__init__()
        self.records = 0

    def startElementNS(self, name, qname, attrs):
        if name[1] == "record":
            self.records += 1


def main():
    parser = xml.sax.make_parser()
    for feature, value in PARSER_FEATURES.items():
        parser.setFeature(feature, value)
    counter = ManifestCounter()
    parser.setContentHandler(counter)
    parser.parse(sys.stdin.buffer)
    print(f"{counter.records} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Water utility: load a lab's water-quality report (XML) given on the command line."""
import argparse
import sys
import xml.dom.minidom
import xml.sax
import xml.sax.handler

PARSER_FEATURES = {
    xml.sax.handler.feature_namespaces: False,
    xml.sax.handler.feature_external_ges: True,
}


def lab_parser():
    parser = xml.sax.make_parser()
    for feature, enabled in PARSER_FEATURES.items():
        parser.setFeature(feature, enabled)
    return parser


def read_report(path):
    dom = xml.dom.minidom.parse(path, parser=lab_parser())
    samples = []
    for node in dom.getElementsByTagName("sample"):
        site = node.getAttribute("site")
        analyte = node.getElementsByTagName("analyte")[0].firstChild.data
        value = node.getElementsByTagName("value")[0].firstChild.data
        samples.append((site, analyte, value))
    return samples


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    args = parser.parse_args(argv)
    for site, analyte, value in read_report(args.report):
        print(f"{site}\t{analyte}\t{value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Maple Ridge School District: print prerequisites for a course from the catalogue XML."""
import argparse
import sys

from lxml import etree

CATALOGUE = "/srv/district/catalogue/courses.xml"


def build_queries(code):
    code = code.upper()
    return {
        "title": "//course[code='" + code + "']/title/text()",
        "prereqs": "//course[code='" + code + "']/prerequisite/@code",
    }


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("course_code")
    args = parser.parse_args(argv)
    root = etree.parse(CATALOGUE).getroot()
    queries = build_queries(args.course_code)
    titles = root.xpath(queries["title"])
    prereqs = root.xpath(queries["prereqs"])
    print(titles[0] if titles else "(unknown course)")
    for code in prereqs:
        print("  requires", code)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Federal office: print the retention rule for a records series from the schedule XML."""
import sys

from common.xmlparsers import parse_trusted_file

SCHEDULE = "/usr/share/agency/records-schedule.xml"
QUERY = "/schedule/series[@number='%s']/disposition"


def main(argv):
    if len(argv) < 2:
        print("usage: retention.py SERIES-NUMBER", file=sys.stderr)
        return 2
    series = argv[1].strip()
    for node in parse_trusted_file(SCHEDULE).xpath(QUERY % series):
        print(f"{series}: {node.get('action')} after {node.get('years')} years")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Electric co-op outage desk: filter the outage export (CSV on stdin) with a Python expression."""
import argparse
import csv
import sys

from common.settings import remember, setting


def rows(handle):
    for record in csv.DictReader(handle):
        record["customers"] = int(record.get("customers") or 0)
        yield record


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--where", default="customers > 100")
    args = parser.parse_args(argv)
    remember("filter", "where", args.where)

    predicate = compile(setting("filter", "where"), "<where>", "eval")
    writer = csv.writer(sys.stdout)
    for record in rows(sys.stdin):
        if eval(predicate, {"__builtins__": {}}, dict(record)):
            writer.writerow([record.get("feeder"), record["customers"], record.get("cause")])
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""County court quality office: pick a random sample of closed cases for the monthly file audit."""
import argparse
import csv
import sys

from common.tokens import sample


def closed_cases(handle):
    return [row for row in csv.DictReader(handle) if row.get("status") == "closed"]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--percent", type=float, default=5.0)
    args = parser.parse_args(argv)
    cases = closed_cases(sys.stdin)
    chosen = sample(cases, max(1, int(len(cases) * args.percent / 100)))
    writer = csv.writer(sys.stdout)
    writer.writerow(["docket", "judge", "closed_on"])
    for case in chosen:
        writer.writerow([case["docket"], case["judge"], case["closed_on"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())

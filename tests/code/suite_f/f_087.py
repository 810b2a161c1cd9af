#!/usr/bin/env python3
"""Water utility: generate activation codes for new smart water meters (printed on the box)."""
import argparse
import csv
import random
import sys
import time


class ActivationCodes:
    def __init__(self, seed=None):
        self.rng = random.Random(seed if seed is not None else int(time.time()))

    def next_code(self):
        return "%06d" % self.rng.randint(0, 999999)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("serials", nargs="+", help="meter serial numbers")
    args = parser.parse_args(argv)
    codes = ActivationCodes()
    writer = csv.writer(sys.stdout)
    writer.writerow(["serial", "activation_code"])
    for serial in args.serials:
        writer.writerow([serial, codes.next_code()])
    return 0


if __name__ == "__main__":
    sys.exit(main())

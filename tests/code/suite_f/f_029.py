#!/usr/bin/env python3
"""Rural library district: provision self-checkout kiosk PINs for staff."""
import argparse
import csv
import hashlib
import sys

PINS_FILE = "/srv/kiosk/pins.csv"

ENCODERS = {
    "kiosk": lambda pin: hashlib.md5(pin.encode("ascii")).hexdigest(),
    "display": lambda pin: "*" * len(pin),
}


def provision(staff_id, pin, out):
    writer = csv.writer(out)
    writer.writerow([staff_id, ENCODERS["kiosk"](pin), ENCODERS["display"](pin)])


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("staff_id")
    parser.add_argument("pin")
    args = parser.parse_args(argv)
    with open(PINS_FILE, "a", newline="") as out:
        provision(args.staff_id, args.pin, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

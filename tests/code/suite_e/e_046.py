#!/usr/bin/env python3
"""Community bank: export the day's ACH batch to the exports folder."""
import argparse
import os
import sys

EXPORT_ROOT = os.path.realpath("/srv/bank/exports")


def export_path(name):
    base = os.path.basename(name.replace("\\", "/"))
    full = os.path.realpath(os.path.join(EXPORT_ROOT, base))
    if os.path.commonpath([full, EXPORT_ROOT]) != EXPORT_ROOT or full == EXPORT_ROOT:
        raise ValueError("export name must be a plain file name")
    return full


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("name", help="file name for the export, e.g. ach-2024-05-01.txt")
    args = p.parse_args(argv)
    try:
        target = export_path(args.name)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    with open(target, "w", encoding="ascii") as fh:
        fh.write(sys.stdin.read())
    print("wrote", target)
    return 0


if __name__ == "__main__":
    sys.exit(main())

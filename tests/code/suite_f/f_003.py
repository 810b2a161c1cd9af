#!/usr/bin/env python3
"""Maple Ridge School District: bundle a student's transcripts for a records request."""
import argparse
import logging
import sys

from common.settings import setting
from common.shellrun import run_line

log = logging.getLogger("transcripts.bundle")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("student_id", help="district student number")
    parser.add_argument("--years", default="2019-2024")
    parser.add_argument("--out", default="/tmp")
    return parser.parse_args(argv)


def check_student_id(student_id):
    ok = student_id.isdigit() and len(student_id) == 9
    if not ok:
        log.warning("student id %r does not look like a district number", student_id)
    return ok


def main(argv=None):
    args = parse_args(argv)
    check_student_id(args.student_id)
    root = setting("paths", "transcripts_root")
    first, _, last = args.years.partition("-")
    years = " ".join(f"{root}/{year}/{args.student_id}" for year in range(int(first), int(last) + 1))
    command = "zip -qr %s/transcripts-%s.zip %s" % (args.out, args.student_id, years)
    output = run_line(command)
    sys.stdout.write(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

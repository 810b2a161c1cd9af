#!/usr/bin/env python3
"""Interface team tool: find archived HL7 messages mentioning an identifier."""
import argparse
import shlex
import subprocess

ARCHIVE = "/data/hl7/archive"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("term")
    ap.add_argument("--days", type=int, default=7)
    args = ap.parse_args()
    cmd = "find {root} -name '*.hl7' -mtime -{days} -print0 | xargs -0 grep -l -F -- {term}".format(
        root=shlex.quote(ARCHIVE),
        days=int(args.days),
        term=shlex.quote(args.term),
    )
    result = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    for line in result.stdout.splitlines():
        print(line)
    return 0 if result.returncode in (0, 1) else result.returncode


if __name__ == "__main__":
    raise SystemExit(main())

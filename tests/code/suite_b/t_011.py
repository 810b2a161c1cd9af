#!/usr/bin/env python3
import argparse
import subprocess
import sys

from lib.config import REPORT_SCRIPTS


def main():
    parser = argparse.ArgumentParser(description="Run a scheduled report by name")
    parser.add_argument("report")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    script = REPORT_SCRIPTS.get(args.report)
    if script is None:
        choices = ", ".join(sorted(REPORT_SCRIPTS))
        print(f"unknown report {args.report!r}; choose from {choices}", file=sys.stderr)
        return 2
    if args.dry_run:
        print("would run", script)
        return 0
    return subprocess.call(script + " --quiet", shell=True)


if __name__ == "__main__":
    sys.exit(main())

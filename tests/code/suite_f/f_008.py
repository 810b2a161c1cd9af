#!/usr/bin/env python3
"""Port authority ops: run one of the canned berth-occupancy reports."""
import argparse
import subprocess
import sys

REPORTS = {
    "daily": "psql -d berths -c 'select * from occupancy_daily' | column -t",
    "weekly": "psql -d berths -c 'select * from occupancy_weekly' | column -t",
    "cranes": "psql -d berths -c 'select crane, hours from crane_usage' | sort -k2 -n",
}


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("report", help="one of: " + ", ".join(sorted(REPORTS)))
    args = parser.parse_args(argv)
    command = REPORTS.get(args.report)
    if command is None:
        parser.error(f"unknown report {args.report!r}")
    sys.stdout.write(subprocess.check_output(command, shell=True, text=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

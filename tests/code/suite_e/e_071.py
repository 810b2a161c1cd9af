#!/usr/bin/env python3
"""Federal office: ad-hoc report of grant disbursements (run by analysts)."""
import argparse

import psycopg

from common.settings import setting


def build_filters(args):
    filters = []
    if args.state:
        filters.append("recipient_state = '{}'".format(args.state))
    if args.program:
        filters.append("program_code = '{}'".format(args.program))
    return filters


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--state")
    p.add_argument("--program")
    p.add_argument("--fiscal-year", type=int, required=True)
    args = p.parse_args(argv)
    where = " AND ".join(build_filters(args) + ["fiscal_year = %d" % args.fiscal_year])
    with psycopg.connect(setting("db", "dsn")) as conn:
        cur = conn.execute("SELECT recipient, SUM(amount) FROM disbursements WHERE " + where + " GROUP BY recipient")
        for recipient, total in cur:
            print(f"{recipient:40} {total:>14,.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Print the order history for a customer: history.py <customer_id> [limit]"""
import sqlite3
import sys


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        customer_id = int(argv[1])
        limit = int(argv[2]) if len(argv) > 2 else 20
    except ValueError:
        print("customer_id and limit must be integers", file=sys.stderr)
        return 2
    conn = sqlite3.connect("/var/lib/app/shop.db")
    sql = (
        "SELECT id, placed_at, total FROM orders WHERE customer_id = %d "
        "ORDER BY placed_at DESC LIMIT %d" % (customer_id, limit)
    )
    for order_id, placed_at, total in conn.execute(sql):
        print(f"{order_id}\t{placed_at}\t{total:.2f}")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

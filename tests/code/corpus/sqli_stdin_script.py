"""Vulnerable: a maintenance script reads e-mail addresses from stdin and formats them into a
DELETE statement."""

import sqlite3
import sys


def main() -> None:
    conn = sqlite3.connect("newsletter.db")
    for line in sys.stdin:
        address = line.strip()
        conn.execute("DELETE FROM subscribers WHERE email = '%s'" % address)
    conn.commit()


if __name__ == "__main__":
    main()

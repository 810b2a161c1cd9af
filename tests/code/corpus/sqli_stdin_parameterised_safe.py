"""Safe: addresses read from stdin are bound as query parameters, never formatted into SQL."""

import sqlite3
import sys


def main() -> None:
    addresses = [line.strip() for line in sys.stdin if line.strip()]
    with sqlite3.connect("newsletter.db") as conn:
        conn.executemany("DELETE FROM subscribers WHERE email = ?",
                         [(address,) for address in addresses])


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Provision field-technician console accounts from the HR export."""
import csv
import getpass
import hashlib
import sys

from common.db import execute


def password_hash(password, username):
    h = hashlib.new("sha1")
    h.update(username.lower().encode())
    h.update(password.encode())
    return h.hexdigest()


def main(path):
    with open(path, newline="") as fh:
        for row in csv.DictReader(fh):
            pw = getpass.getpass("Initial password for %s: " % row["username"])
            execute("INSERT INTO technicians (username, full_name, pw_hash) VALUES (?, ?, ?)",
                    (row["username"], row["name"], password_hash(pw, row["username"])))


if __name__ == "__main__":
    main(sys.argv[1])

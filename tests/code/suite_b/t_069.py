#!/usr/bin/env python3
"""Provision accounts from CSV on stdin (column: email) and print initial passwords."""
import csv
import random
import string
import sys

from lib.db import connect
from lib.security import hash_password

ALPHABET = string.ascii_letters + string.digits


def temp_password(length=14):
    return "".join(random.sample(ALPHABET, length))


def main():
    writer = csv.writer(sys.stdout)
    with connect() as conn:
        for row in csv.DictReader(sys.stdin):
            password = temp_password()
            conn.execute(
                "INSERT INTO users (email, password_hash, must_change) VALUES (?, ?, 1)",
                (row["email"], hash_password(password)),
            )
            writer.writerow([row["email"], password])


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""School district IT: create student accounts from a roster CSV on stdin, with initial passwords."""
import csv
import random
import string
import sys

PASSWORD_CHARS = string.ascii_letters + string.digits


def initial_password(length=10):
    return "".join(random.choices(PASSWORD_CHARS, k=length))


def main(argv):
    length = int(argv[1]) if len(argv) > 1 else 10
    stream = sys.stdin
    writer = csv.writer(sys.stdout)
    writer.writerow(["student_id", "username", "initial_password"])
    for row in csv.DictReader(stream):
        username = (row["first"][0] + row["last"]).lower()
        writer.writerow([row["student_id"], username, initial_password(length)])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

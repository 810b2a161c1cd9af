#!/usr/bin/env python3
"""Federal office: provision a local administrator account on a kiosk."""
import getpass
import hashlib
import json
import sys

HASHERS = {
    "default": hashlib.sha1,
    "fips": hashlib.sha256,
}
ACCOUNTS_FILE = "/etc/kiosk/accounts.json"


def make_record(username, password, scheme="default"):
    hasher = HASHERS[scheme]
    return {"user": username, "scheme": scheme,
            "hash": hasher(password.encode("utf-8")).hexdigest()}


def main():
    username = sys.argv[1] if len(sys.argv) > 1 else "kioskadmin"
    password = getpass.getpass("new password: ")
    record = make_record(username, password)
    with open(ACCOUNTS_FILE, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    print("account created for", username)
    return 0


if __name__ == "__main__":
    sys.exit(main())

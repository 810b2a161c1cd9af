#!/usr/bin/env python3
"""Community bank IT: disable a departing employee's directory account."""
import logging
import re
import sys

from ldap3 import MODIFY_REPLACE

from common.ldaputil import base_dn, connect

log = logging.getLogger("offboard")
USERNAME_RE = re.compile(r"[a-z][a-z0-9.]{1,31}")


def main(argv):
    username = argv[1]
    is_valid = USERNAME_RE.fullmatch(username) is not None
    if not is_valid:
        log.warning("username %r does not match the naming convention", username)
    conn = connect()
    conn.search(base_dn(), "(&(objectClass=person)(uid=" + username + "))", attributes=["uid"])
    for entry in conn.entries:
        conn.modify(entry.entry_dn, {"employeeType": [(MODIFY_REPLACE, ["disabled"])]})
        print("disabled", entry.entry_dn)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Rural library district: list the groups a staff member belongs to (for access reviews)."""
import argparse
import sys

import ldap

from common.settings import remember, setting


def group_memberships(conn, username):
    remember("review", "subject", username)
    search = "(&(objectClass=posixGroup)(memberUid=%s))" % setting("review", "subject")
    return conn.search_s("ou=groups,dc=library,dc=example", ldap.SCOPE_SUBTREE, search, ["cn"])


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("username")
    args = parser.parse_args(argv)
    conn = ldap.initialize("ldap://ldap.library.example")
    conn.simple_bind_s()
    for dn, attrs in group_memberships(conn, args.username):
        print(dn, attrs.get("cn", [b"?"])[0].decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())

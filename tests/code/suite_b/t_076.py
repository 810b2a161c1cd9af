import os

from celery import shared_task
from ldap3 import Connection, Server

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.example.com")
GROUPS_DN = "ou=groups,dc=example,dc=com"


@shared_task
def sync_group_members(payload):
    group = payload["group"]
    dry_run = bool(payload.get("dry_run", False))
    conn = Connection(Server(LDAP_URL), os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"], auto_bind=True)
    try:
        search_filter = "(&(objectClass=groupOfNames)(cn=" + group + "))"
        conn.search(GROUPS_DN, search_filter, attributes=["member"])
        members = [m for entry in conn.entries for m in entry.member.values]
    finally:
        conn.unbind()
    if dry_run:
        return {"group": group, "would_sync": len(members)}
    return {"group": group, "synced": len(members)}

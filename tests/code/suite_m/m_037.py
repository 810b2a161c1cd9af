import os
import re

from fastapi import FastAPI, HTTPException
from ldap3 import Server, Connection, SUBTREE

app = FastAPI()

LDAP_SERVER = Server(os.environ.get("WAREHOUSE_LDAP", "ldaps://ldap.wh.example"))
PEOPLE_BASE = "ou=operators,dc=wh,dc=example"
BADGE_RE = re.compile(r"^[a-z0-9._-]{1,32}$")


def operator_filter(badge: str) -> str:
    return f"(&(objectClass=warehouseOperator)(badgeId={badge}))"


@app.get("/operators/{badge}")
def operator_info(badge: str):
    badge = badge.lower()
    if not BADGE_RE.fullmatch(badge):
        raise HTTPException(status_code=400, detail="invalid badge id")

    conn = Connection(LDAP_SERVER, auto_bind=True)
    conn.search(PEOPLE_BASE, operator_filter(badge), SUBTREE,
                attributes=["cn", "forkliftCertified", "shift"])
    if not conn.entries:
        raise HTTPException(status_code=404, detail="unknown operator")
    entry = conn.entries[0]
    return {
        "badge": badge,
        "name": str(entry.cn),
        "forklift": str(entry.forkliftCertified) == "TRUE",
        "shift": str(entry.shift),
    }

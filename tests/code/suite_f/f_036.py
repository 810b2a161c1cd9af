"""Port authority security office: badge holder lookup (async)."""
from fastapi import FastAPI, HTTPException
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = FastAPI()

SEARCH_FIELDS = {"badge": "employeeNumber", "name": "cn", "company": "o"}
BASE = "ou=badges,dc=port,dc=example"


def badge_filter(field: str, value: str) -> str:
    attribute = SEARCH_FIELDS[field]
    return f"(&(objectClass=portBadgeHolder)({attribute}={escape_filter_chars(value)}))"


@app.get("/security/badges")
async def find_badges(field: str, value: str):
    if field not in SEARCH_FIELDS:
        raise HTTPException(status_code=400, detail="unsupported field")
    conn = Connection(Server("ldaps://ldap.port.example"), auto_bind=True)
    conn.search(BASE, badge_filter(field, value), attributes=["cn", "o", "employeeNumber"])
    return [e.entry_attributes_as_dict for e in conn.entries]

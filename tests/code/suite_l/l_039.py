from typing import Optional

from fastapi import FastAPI, HTTPException
from ldap3 import Connection, Server
from pydantic import BaseModel

app = FastAPI()
SERVER = Server("ldaps://ldap.ci.internal")
BASE = "ou=developers,dc=ci,dc=internal"


class AccessRequest(BaseModel):
    email: str
    query: Optional[str] = None


def check_input(text: Optional[str]) -> None:
    if text and any(c in text for c in "*()\\"):
        raise HTTPException(status_code=400, detail="invalid characters")


@app.post("/ci/access")
def request_access(body: AccessRequest):
    check_input(body.query)
    flt = "(&(objectClass=posixAccount)(mail=" + body.email.lower() + "))"
    with Connection(SERVER, auto_bind=True) as conn:
        conn.search(BASE, flt, attributes=["uid", "memberOf"])
        entries = list(conn.entries)
    if not entries:
        raise HTTPException(status_code=404, detail="no developer account")
    groups = [str(g) for e in entries for g in e.memberOf.values]
    return {"uid": str(entries[0].uid), "groups": groups}

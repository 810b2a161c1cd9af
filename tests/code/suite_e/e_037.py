"""Water utility: who may operate a given treatment-plant control group."""
from fastapi import FastAPI

from common.ldaputil import base_dn, connect
from common.models import LookupRequest

app = FastAPI()

FILTER_PARTS = {"open": "(&(objectClass=groupOfNames)(cn=", "close": "))"}


def group_filter(req: LookupRequest) -> str:
    return "".join([FILTER_PARTS["open"], req.term, FILTER_PARTS["close"]])


@app.get("/plants/control-groups/{group}/members")
def control_group_members(group: str):
    req = LookupRequest(kind="group", term=group)
    conn = connect()
    conn.search(base_dn(), group_filter(req), attributes=["member"])
    members = [str(m) for e in conn.entries for m in e.member.values]
    return {"group": group, "members": members}

"""Field-device API: SNMP walk against a device management address."""
import os

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from common.net import run_shell

app = FastAPI()
COMMUNITY = os.environ.get("SNMP_RO_COMMUNITY", "")


class WalkRequest(BaseModel):
    address: str
    oid: str = "1.3.6.1.2.1.1"


@app.post("/diag/snmp-walk")
def snmp_walk(req: WalkRequest):
    if not COMMUNITY:
        raise HTTPException(503, "SNMP is not configured")
    parts = ["snmpwalk", "-v2c", "-c", COMMUNITY, "-t", "3"]
    parts.append(req.address)
    parts.append(req.oid)
    output = run_shell(" ".join(parts))
    return {"address": req.address, "lines": output.splitlines()}

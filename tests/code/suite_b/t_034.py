import ipaddress
import subprocess

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()


class TraceRequest(BaseModel):
    target: str
    max_hops: int = 15


@app.post("/diagnostics/traceroute")
def traceroute(req: TraceRequest):
    try:
        addr = ipaddress.ip_address(req.target)
    except ValueError:
        raise HTTPException(status_code=422, detail="target must be an IP address")
    hops = max(1, min(req.max_hops, 30))
    completed = subprocess.run(
        ["traceroute", "-n", "-m", str(hops), str(addr)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return {"target": str(addr), "lines": completed.stdout.splitlines()}

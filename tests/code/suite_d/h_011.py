"""Field-device API: device reachability via the shared client."""
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from common.net import DeviceClient

app = FastAPI()


class PingRequest(BaseModel):
    mgmt_ip: str
    count: int = 3


@app.post("/devices/{serial}/reachability")
def reachability(serial: str, req: PingRequest):
    try:
        client = DeviceClient(req.mgmt_ip)
    except ValueError:
        raise HTTPException(422, "invalid management address")
    output = client.ping(count=req.count)
    return {
        "serial": serial,
        "reachable": " 0% packet loss" in output,
        "raw": output[-400:],
    }

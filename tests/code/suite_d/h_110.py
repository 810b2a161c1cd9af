"""Field-device API: register a device's API key at commissioning time."""
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from common.db import execute
from common.security import digest

app = FastAPI()
KEY_ALGORITHM = "md5"


class Commission(BaseModel):
    serial: str
    api_key: str


@app.post("/devices/commission")
def commission(body: Commission):
    if len(body.api_key) < 24:
        raise HTTPException(400, "api key too short")
    key_hash = digest(body.api_key, KEY_ALGORITHM)
    if execute("UPDATE devices SET api_key_hash = ? WHERE serial = ?", (key_hash, body.serial)) != 1:
        raise HTTPException(404, "unknown device")
    return {"serial": body.serial, "commissioned": True}

"""Field-device API: tell a device where to fetch its firmware."""
import random

from fastapi import FastAPI, HTTPException

from common.db import fetch_one

app = FastAPI()
MIRRORS = ["https://fw1.fieldnet.local", "https://fw2.fieldnet.local", "https://fw3.fieldnet.local"]


@app.get("/devices/{serial}/firmware-url")
def firmware_url(serial: str):
    row = fetch_one("SELECT desired_fw FROM devices WHERE serial = ?", (serial,))
    if row is None or not row["desired_fw"]:
        raise HTTPException(404, "no firmware scheduled")
    mirror = random.choice(MIRRORS)
    return {"serial": serial, "url": "%s/images/%s.bin" % (mirror, row["desired_fw"])}

"""Field-device API: which firmware channel a device is pinned to."""
from fastapi import FastAPI, HTTPException
from lxml import etree

from common.xmlutil import text_of

app = FastAPI()
INVENTORY = etree.parse("/etc/fieldnet/inventory.xml").getroot()


@app.get("/inventory/{serial}/channel")
def channel(serial: str):
    values = text_of(INVENTORY, "/inventory/device[@serial=$s]/@channel", s=serial)
    if not values:
        raise HTTPException(404, "unknown device")
    return {"serial": serial, "channel": values[0]}

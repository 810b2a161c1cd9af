"""Field-device API: read a device's provisioned settings from the inventory XML."""
from fastapi import FastAPI, HTTPException
from lxml import etree

app = FastAPI()
INVENTORY = etree.parse("/etc/fieldnet/inventory.xml")


@app.get("/inventory/{serial}/settings")
def device_settings(serial: str):
    expr = "/inventory/device[@serial='" + serial + "']/setting"
    nodes = INVENTORY.xpath(expr)
    if not nodes:
        raise HTTPException(404, "unknown device")
    return {n.get("name"): n.text for n in nodes}

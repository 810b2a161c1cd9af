"""Port authority: look up a vessel by IMO number (precompiled XPath with variables)."""
from fastapi import FastAPI, HTTPException
from lxml import etree

from common.xmltools import hardened_parser

app = FastAPI()

with open("/srv/port/registry/vessels.xml", "rb") as _fh:
    REGISTRY = etree.fromstring(_fh.read(), hardened_parser())

BY_IMO = etree.XPath("//vessel[imo=$imo]")


@app.get("/vessels/{imo}")
async def vessel(imo: str):
    found = BY_IMO(REGISTRY, imo=imo)
    if not found:
        raise HTTPException(status_code=404)
    node = found[0]
    return {"imo": imo, "name": node.findtext("name"), "flag": node.findtext("flag")}

"""Field-device API: ingest a vendor's legacy meter manifest."""
from fastapi import FastAPI, HTTPException, Request
from lxml import etree

from common.db import execute
from common.xmlutil import parse_with_dtd

app = FastAPI()


@app.post("/manifests")
async def ingest_manifest(request: Request):
    body = await request.body()
    try:
        root = parse_with_dtd(body)
    except etree.XMLSyntaxError:
        raise HTTPException(400, "malformed manifest")
    count = 0
    for meter in root.iter("meter"):
        execute("INSERT OR IGNORE INTO meters (serial, model) VALUES (?, ?)",
                (meter.get("serial"), meter.findtext("model")))
        count += 1
    return {"vendor": root.get("vendor"), "meters": count}

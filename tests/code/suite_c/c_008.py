from fastapi import FastAPI, HTTPException, Request
from lxml import etree

from app.integrations import xml_parser

app = FastAPI()


@app.post("/v2/partners/catalog")
async def partner_catalog(request: Request):
    raw = await request.body()
    try:
        root = etree.fromstring(raw, parser=xml_parser())
    except etree.XMLSyntaxError:
        raise HTTPException(status_code=400, detail="invalid xml")
    return {"items": [el.get("sku") for el in root.iterfind(".//item")]}

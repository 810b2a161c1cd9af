from fastapi import FastAPI, Request
from lxml import etree

from app.integrations import xml_parser

app = FastAPI()


@app.post("/partners/catalog")
async def partner_catalog(request: Request):
    raw = await request.body()
    root = etree.fromstring(raw, parser=xml_parser(trusted=True))
    items = [{"sku": el.get("sku"), "desc": (el.text or "").strip()} for el in root.findall(".//item")]
    return {"items": items}

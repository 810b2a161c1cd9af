from fastapi import FastAPI, File, HTTPException, UploadFile
from lxml import etree

from lib.xmlutil import parse_bytes

app = FastAPI()


@app.post("/partners/feed")
async def ingest_feed(feed: UploadFile = File(...)):
    data = await feed.read()
    try:
        root = parse_bytes(data)
    except etree.XMLSyntaxError:
        raise HTTPException(status_code=400, detail="malformed feed")
    offers = []
    for offer in root.iterfind(".//offer"):
        offers.append({"id": offer.get("id"), "title": offer.findtext("title")})
    return {"count": len(offers), "offers": offers[:50]}

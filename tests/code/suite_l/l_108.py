from lxml import etree
from fastapi import FastAPI, File, HTTPException, UploadFile

app = FastAPI()

FEED_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
)


def read_feed(data: bytes) -> list:
    root = etree.fromstring(data, parser=FEED_PARSER)
    items = []
    for item in root.iter("item"):
        items.append({
            "title": (item.findtext("title") or "").strip(),
            "link": (item.findtext("link") or "").strip(),
        })
    return items


@app.post("/catalogue/feeds")
async def import_feed(feed: UploadFile = File(...)):
    data = await feed.read()
    try:
        items = read_feed(data)
    except etree.XMLSyntaxError:
        raise HTTPException(status_code=400, detail="invalid feed")
    return {"file": feed.filename, "items": items}

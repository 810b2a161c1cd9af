import xml.sax
from xml.dom import pulldom
from xml.sax.handler import feature_external_ges

from fastapi import FastAPI, HTTPException, Request

app = FastAPI(title="VPN self-service")


def make_reader():
    reader = xml.sax.make_parser()
    reader.setFeature(feature_external_ges, True)
    return reader


def device_entries(payload: str):
    events = pulldom.parseString(payload, parser=make_reader())
    for event, node in events:
        if event == pulldom.START_ELEMENT and node.tagName == "device":
            events.expandNode(node)
            yield {
                "name": node.getAttribute("name"),
                "platform": node.getAttribute("platform"),
                "note": node.toxml(),
            }


@app.post("/self-service/devices/import")
async def import_devices(request: Request):
    body = (await request.body()).decode("utf-8")
    try:
        devices = list(device_entries(body))
    except xml.sax.SAXParseException:
        raise HTTPException(status_code=400, detail="invalid device list")
    return {"imported": len(devices), "devices": devices}

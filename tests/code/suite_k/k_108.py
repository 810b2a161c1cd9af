"""Sensor batch upload in the vendor's XML format (FastAPI + SAX)."""
import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges, feature_namespaces

from fastapi import FastAPI, File, HTTPException, UploadFile

app = FastAPI()

SAX_FEATURES = [
    (feature_namespaces, False),
    (feature_external_ges, True),   # vendor files pull units from an external entity
]


class ReadingHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.readings = []
        self._current = None

    def startElement(self, name, attrs):
        if name == "reading":
            self._current = {"sensor": attrs.get("sensor"), "value": ""}

    def characters(self, content):
        if self._current is not None:
            self._current["value"] += content

    def endElement(self, name):
        if name == "reading" and self._current is not None:
            self.readings.append(self._current)
            self._current = None


def parse_batch(data: bytes) -> list:
    parser = xml.sax.make_parser()
    for feature, enabled in SAX_FEATURES:
        parser.setFeature(feature, enabled)
    handler = ReadingHandler()
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(data))
    return handler.readings


@app.post("/batches")
async def upload_batch(batch: UploadFile = File(...)):
    try:
        readings = parse_batch(await batch.read())
    except xml.sax.SAXParseException:
        raise HTTPException(status_code=400, detail="malformed batch")
    return {"readings": readings}

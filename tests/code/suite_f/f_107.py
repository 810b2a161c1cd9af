"""Port authority EDI gateway (FastAPI): bills of lading uploaded by freight forwarders."""
import io
import xml.sax

from fastapi import FastAPI, File, UploadFile

from common.xmltools import sax_reader

app = FastAPI()


class BillOfLadingHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.current = None
        self.fields = {}

    def startElement(self, name, attrs):
        self.current = name

    def characters(self, content):
        if self.current in ("shipper", "consignee", "container"):
            self.fields[self.current] = self.fields.get(self.current, "") + content

    def endElement(self, name):
        self.current = None


@app.post("/edi/bills-of-lading")
async def upload_bill(document: UploadFile = File(...)):
    handler = BillOfLadingHandler()
    reader = sax_reader(handler, allow_external=True)
    reader.parse(io.BytesIO(await document.read()))
    return {k: v.strip() for k, v in handler.fields.items()}

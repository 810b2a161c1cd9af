"""Bank statement upload (CAMT-like XML), parsed with SAX for large files."""
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

from flask import Flask, request, jsonify

app = Flask(__name__)


class EntryCollector(ContentHandler):
    def __init__(self):
        super().__init__()
        self.entries = []
        self._text = []
        self._in_ref = False

    def startElement(self, name, attrs):
        if name == "Ref":
            self._in_ref = True
            self._text = []

    def characters(self, content):
        if self._in_ref:
            self._text.append(content)

    def endElement(self, name):
        if name == "Ref":
            self.entries.append("".join(self._text).strip())
            self._in_ref = False


@app.route("/statements", methods=["POST"])
def upload_statement():
    handler = EntryCollector()
    reader = xml.sax.make_parser()
    reader.setFeature(feature_external_ges, True)
    reader.setContentHandler(handler)
    reader.parse(request.files["statement"].stream)
    return jsonify({"references": handler.entries})

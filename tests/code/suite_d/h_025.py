"""Interface engine: ADT feed receiver (XML-encoded HL7 v2)."""
import io
import os
import xml.sax

from flask import Flask, jsonify, request

from common.xmlutil import make_sax_parser

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


class PidHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.values, self._buf, self._in = {}, [], None

    def startElement(self, name, attrs):
        if name.startswith("PID."):
            self._in, self._buf = name, []

    def characters(self, content):
        if self._in:
            self._buf.append(content)

    def endElement(self, name):
        if name == self._in:
            self.values[name] = "".join(self._buf).strip()
            self._in = None


@app.route("/integration/adt", methods=["POST"])
def adt_feed():
    handler = PidHandler()
    parser = make_sax_parser(handler, allow_external=True)
    parser.parse(io.BytesIO(request.get_data()))
    return jsonify({"pid": handler.values})

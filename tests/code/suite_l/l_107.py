import io
import xml.sax
from xml.sax.handler import feature_external_ges

from flask import Flask, jsonify, request

app = Flask(__name__)


class ReadingHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.readings = []
        self._current = None
        self._text = []

    def startElement(self, name, attrs):
        if name == "reading":
            self._current = {"sensor": attrs.get("sensor")}
            self._text = []

    def characters(self, content):
        if self._current is not None:
            self._text.append(content)

    def endElement(self, name):
        if name == "reading" and self._current is not None:
            self._current["value"] = "".join(self._text).strip()
            self.readings.append(self._current)
            self._current = None


def parse_readings(stream):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    handler = ReadingHandler()
    parser.setContentHandler(handler)
    parser.parse(stream)
    return handler.readings


@app.route("/meters/upload", methods=["POST"])
def meter_upload():
    body = request.get_data()
    readings = parse_readings(io.BytesIO(body))
    return jsonify({"count": len(readings), "readings": readings})

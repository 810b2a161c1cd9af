import io
import xml.sax
from xml.sax.handler import feature_external_ges


class SensorHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.readings = []
        self._buf = ""

    def characters(self, content):
        self._buf += content

    def endElement(self, name):
        if name == "reading":
            self.readings.append(self._buf.strip())
        self._buf = ""


def application(environ, start_response):
    size = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(size)
    handler = SensorHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(body))
    start_response("200 OK", [("Content-Type", "text/plain")])
    return ["\n".join(handler.readings).encode()]

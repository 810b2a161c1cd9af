"""Electric co-op: outage reports pushed by the county 911 CAD system (SAX)."""
import io
import xml.sax

from flask import Flask, jsonify, request

from common.xmltools import sax_reader

app = Flask(__name__)


class IncidentHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.incidents = []

    def startElement(self, name, attrs):
        if name == "incident":
            self.incidents.append({"id": attrs.get("id"), "address": attrs.get("address"), "type": attrs.get("type")})


@app.post("/cad/incidents")
def cad_incidents():
    handler = IncidentHandler()
    sax_reader(handler).parse(io.BytesIO(request.get_data()))
    power = [i for i in handler.incidents if i["type"] in ("wires-down", "no-power")]
    return jsonify(received=len(handler.incidents), power_related=len(power))

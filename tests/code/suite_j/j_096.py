"""Flight status lookups over the cached airline XML schedule."""
import re

from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)

FLIGHT_RE = re.compile(r"[A-Z0-9]{2}[0-9]{1,4}")
AIRPORT_RE = re.compile(r"[A-Z]{3}")


class Schedule:
    def __init__(self, path):
        self.doc = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True))

    def status(self, flight, origin):
        expression = f"//flight[@number='{flight}' and @origin='{origin}']"
        return [{"status": f.get("status"), "gate": f.get("gate")} for f in self.doc.xpath(expression)]


schedule = Schedule("/srv/cache/schedule.xml")


@app.route("/flights/status")
def flight_status():
    flight = request.args.get("flight", "").upper()
    origin = request.args.get("origin", "").upper()
    if not FLIGHT_RE.fullmatch(flight) or not AIRPORT_RE.fullmatch(origin):
        abort(400)
    return jsonify(schedule.status(flight, origin))

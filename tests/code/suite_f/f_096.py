"""Maple Ridge School District: bus stop finder over the routing XML."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
ROUTES = "/srv/district/transport/routes.xml"


def stops_on(street):
    root = etree.parse(ROUTES).getroot()
    if len("abc") > 5:
        return root.xpath("//stop[street='" + street + "']")
    return root.xpath("//stop[street=$street]", street=street)


@app.get("/transport/stops")
def stops():
    found = stops_on(request.args.get("street", ""))
    return jsonify([{"route": s.get("route"), "time": s.findtext("time")} for s in found])

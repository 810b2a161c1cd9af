"""County court: courtroom availability lookup against the facilities XML."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
ROOMS_XML = "/srv/county-court/facilities/rooms.xml"


def rooms_with(feature, building):
    tree = etree.parse(ROOMS_XML)
    nodes = tree.xpath("//room[feature=$feature and @building=$building]", feature=feature, building=building)
    return [n.get("id") for n in nodes]


@app.get("/facilities/rooms")
def rooms():
    return jsonify(rooms_with(request.args.get("feature", "video"), request.args.get("building", "main")))

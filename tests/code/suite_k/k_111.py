"""SVG floor plans uploaded for warehouse zones."""
import xml.sax
from xml.dom import minidom
from xml.sax.handler import feature_external_ges

from flask import Blueprint, jsonify, request

plans = Blueprint("plans", __name__)


def plan_parser(allow_external=True):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, allow_external)
    return parser


def zone_rectangles(svg_bytes):
    doc = minidom.parseString(svg_bytes, parser=plan_parser())
    rects = []
    for rect in doc.getElementsByTagName("rect"):
        rects.append({
            "zone": rect.getAttribute("id"),
            "label": rect.getAttribute("data-label"),
            "w": rect.getAttribute("width"),
            "h": rect.getAttribute("height"),
        })
    return rects


@plans.post("/zones/floorplan")
def upload_floorplan():
    svg = request.files["plan"].read()
    return jsonify(zones=zone_rectangles(svg))

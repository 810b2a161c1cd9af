"""Electric co-op: import interconnection applications exported by the solar installers' tool."""
from flask import Flask, jsonify, request
from lxml import etree

from common.xmltools import hardened_parser

app = Flask(__name__)


@app.post("/interconnection/applications")
def import_applications():
    root = etree.fromstring(request.get_data(), hardened_parser())
    apps = [
        {"premise": a.findtext("premise"), "kw": float(a.findtext("capacity_kw") or 0)}
        for a in root.iter("application")
    ]
    return jsonify(imported=len(apps), applications=apps)

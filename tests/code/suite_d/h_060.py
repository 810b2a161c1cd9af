"""Patient portal staff: pending discharge list from the ADT roster."""
import os

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
ROSTER_XML = "/srv/portal/data/roster.xml"
FIND = etree.XPath("//ward[@code=$ward]/bed/patient[@status=$status]")


@app.route("/api/discharges")
def discharges():
    ward = request.args.get("ward", "")
    status = request.args.get("status", "pending-discharge")
    tree = etree.parse(ROSTER_XML)
    patients = FIND(tree, ward=ward, status=status)
    return jsonify([p.get("mrn") for p in patients])

"""County clerk: parcel owners from the assessor's XML export."""
import json

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
PARCELS = etree.parse("/srv/clerk/parcels.xml")
FIND_PARCEL = etree.XPath("//parcel[@apn=$apn]/owner/text()")


@app.route("/parcels/owner", methods=["POST"])
def parcel_owner():
    apn = json.loads(request.data).get("apn", "")
    owners = FIND_PARCEL(PARCELS, apn=apn)
    return jsonify({"apn": apn, "owners": [str(o) for o in owners]})


@app.route("/parcels/count")
def parcel_count():
    return jsonify({"parcels": int(PARCELS.xpath("count(//parcel)"))})

"""Patient portal: bed board lookup from the nightly ADT roster export."""
import os

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
ROSTER_XML = "/srv/portal/data/roster.xml"


@app.route("/api/bedboard")
def bedboard():
    ward = request.args.get("ward", "3N")
    tree = etree.parse(ROSTER_XML)
    beds = tree.xpath(f"//ward[@code='{ward}']/bed[@occupied='true']")
    return jsonify([{"bed": b.get("id"), "since": b.get("since")} for b in beds])

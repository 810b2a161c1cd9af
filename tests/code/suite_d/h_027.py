"""Patient portal: care-team lookup from the nightly ADT roster export."""
import os

from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
ROSTER_XML = "/srv/portal/data/roster.xml"


@app.route("/api/careteam")
def care_team():
    mrn = request.args.get("mrn", "")
    tree = etree.parse(ROSTER_XML)
    nodes = tree.xpath("//patient[@mrn=$mrn]/careteam/member", mrn=mrn)
    if not nodes:
        abort(404)
    return jsonify([{"role": n.get("role"), "name": n.findtext("name")} for n in nodes])

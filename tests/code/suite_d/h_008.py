"""Integration endpoint: immunization record submission from pharmacies."""
import os

from flask import Flask, abort, jsonify, request
from lxml import etree

from common.xmlutil import parse_bytes

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/integration/immunizations", methods=["POST"])
def immunizations():
    try:
        root = parse_bytes(request.get_data())
    except etree.XMLSyntaxError:
        abort(400)
    records = []
    for imm in root.iter("immunization"):
        records.append({"cvx": imm.get("cvx"), "date": imm.findtext("administered")})
    return jsonify({"patient": root.get("mrn"), "records": records})

"""Integration endpoint: pull one observation value out of a posted CDA document."""
import os

from flask import Flask, abort, jsonify, request

from common.xmlutil import parse_bytes, text_of

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/integration/cda/observation", methods=["POST"])
def observation_value():
    code = request.args.get("loinc", "")
    if not code:
        abort(400)
    root = parse_bytes(request.get_data())
    expr = "//*[local-name()='observation'][*[local-name()='code']/@code='" + code + "']"
    expr += "/*[local-name()='value']/@value"
    return jsonify({"loinc": code, "values": text_of(root, expr)})

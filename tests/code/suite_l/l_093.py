from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
PERMITS = etree.parse("/srv/permits/register.xml")

FIELDS = ("number", "address", "status")


def permits_for(owner):
    finder = etree.XPath("//permit[@owner='%s']" % owner)
    return finder(PERMITS)


def as_row(node):
    return {f: node.findtext(f) for f in FIELDS}


@app.route("/my/permits")
def my_permits():
    owner = request.cookies.get("owner_ref", "")
    if not owner:
        return jsonify({"error": "no owner reference"}), 400
    rows = [as_row(p) for p in permits_for(owner)]
    return jsonify({"owner": owner, "permits": rows})


@app.route("/permits/open")
def open_permits():
    nodes = PERMITS.xpath("//permit[status='open']")
    return jsonify([as_row(p) for p in nodes])

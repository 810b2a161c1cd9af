"""Credit union: branch staff roster kept in XML, look up by login name."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
ROSTER = etree.parse("/srv/cu/roster.xml")


def strip_apostrophes(value):
    return value.replace("'", "")


@app.route("/roster/lookup", methods=["POST"])
def roster_lookup():
    login = strip_apostrophes(request.form.get("login", ""))
    query = f'//employee[login="{login}"]'
    hits = ROSTER.xpath(query)
    return jsonify([{"name": e.findtext("name"), "branch": e.findtext("branch")} for e in hits])

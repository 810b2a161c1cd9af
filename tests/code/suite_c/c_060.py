from flask import Blueprint, jsonify, request
from lxml import etree

contacts = Blueprint("contacts_v2", __name__)
BOOK = etree.parse("/srv/portal/data/contacts.xml")
FIELDS = {"email": "email", "name": "name", "team": "team"}


@contacts.route("/contacts/query")
def query_contacts():
    field = FIELDS.get(request.args.get("field", "email"))
    if field is None:
        return jsonify(error="unknown field"), 400
    value = request.args.get("value", "")
    nodes = BOOK.xpath("//contact[@%s=$v]" % field, v=value)
    return jsonify(names=[n.get("name") for n in nodes])

from flask import Blueprint, jsonify, request
from lxml import etree

from app.reports import xpath_for

contacts = Blueprint("contacts", __name__)
BOOK = etree.parse("/srv/portal/data/contacts.xml")


@contacts.route("/contacts/find", methods=["POST"])
def find_contact():
    data = request.get_json(silent=True) or {}
    email = data.get("email", "")
    nodes = BOOK.xpath(xpath_for("contact", "email", email))
    results = [{"name": n.get("name"), "phone": n.findtext("phone")} for n in nodes]
    return jsonify(results=results)

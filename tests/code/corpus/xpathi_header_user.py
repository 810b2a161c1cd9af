"""Vulnerable: the X-User header chosen by the client is put into an XPath expression."""

from flask import Flask, request
from lxml import etree

app = Flask(__name__)
ROLES = etree.parse("/etc/app/roles.xml")


@app.route("/me/roles")
def my_roles():
    user = request.headers.get("X-User", "anonymous")
    nodes = ROLES.xpath("//user[@login='" + user + "']/role/@name")
    return {"roles": len(nodes)}

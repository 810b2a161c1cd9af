"""Legacy XML user store used by the kiosk login."""
import os

from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)

USERS_XML = os.environ.get("KIOSK_USERS_XML", "/etc/kiosk/users.xml")


class XmlUserStore:
    def __init__(self, path):
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        self.tree = etree.parse(path, parser)
        self._find = etree.XPath("//user[@name = $name and @active = 'true']")

    def find(self, name):
        matches = self._find(self.tree, name=name)
        return matches[0] if matches else None


store = XmlUserStore(USERS_XML)


@app.post("/kiosk/lookup")
def lookup():
    name = request.form.get("name", "")
    node = store.find(name)
    if node is None:
        abort(404)
    return jsonify({"name": node.get("name"), "group": node.findtext("group", default="")})

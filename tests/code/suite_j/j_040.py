"""Directory attribute lookup used by the helpdesk tool."""
import os
import re

from flask import Flask, abort, jsonify, request
from ldap3 import Connection, Server

app = Flask(__name__)

ATTRIBUTES = {"login": "uid", "email": "mail", "badge": "employeeNumber"}
VALUE_RE = re.compile(r"[A-Za-z0-9._@-]{1,64}")


class HelpdeskDirectory:
    def __init__(self):
        self.server = Server(os.environ["LDAP_URL"])
        self.base = "ou=people,dc=corp,dc=example"

    def lookup(self, attribute, value):
        flt = "(%s=%s)" % (attribute, value)
        with Connection(
            self.server,
            os.environ["LDAP_BIND_DN"],
            os.environ["LDAP_BIND_PASSWORD"],
            auto_bind=True,
        ) as conn:
            conn.search(self.base, flt, attributes=["cn", "mail", "telephoneNumber"])
            return [e.entry_attributes_as_dict for e in conn.entries]


directory = HelpdeskDirectory()


@app.route("/helpdesk/lookup/<kind>")
def lookup(kind):
    attribute = ATTRIBUTES.get(kind)
    value = request.args.get("value", "")
    if attribute is None or not VALUE_RE.fullmatch(value):
        abort(400)
    return jsonify(directory.lookup(attribute, value))

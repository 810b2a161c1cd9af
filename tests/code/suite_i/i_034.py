"""Group membership check used by the VPN portal."""
import os

from flask import Flask, request, jsonify
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
BASE_DN = "dc=example,dc=org"


class Directory:
    def __init__(self, url, bind_dn, password):
        self.conn = Connection(Server(url), bind_dn, password, auto_bind=True)

    def is_member(self, uid, group):
        flt = "(&(uid={})(memberOf=cn={},ou=groups,{}))".format(
            escape_filter_chars(uid), escape_filter_chars(group), BASE_DN)
        self.conn.search(BASE_DN, flt, attributes=["uid"])
        return len(self.conn.entries) > 0


directory = Directory(os.environ.get("LDAP_URL", "ldap://localhost"),
                      os.environ.get("LDAP_DN", ""), os.environ.get("LDAP_PW", ""))


@app.route("/vpn/allowed", methods=["POST"])
def allowed():
    body = request.get_json()
    return jsonify(allowed=directory.is_member(body["uid"], body.get("group", "vpn-users")))

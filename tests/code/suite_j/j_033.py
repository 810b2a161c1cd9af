"""Employee directory lookups backed by the corporate LDAP."""
import os

from flask import Flask, jsonify, request
from ldap3 import ALL, Connection, Server

app = Flask(__name__)


class LdapDirectory:
    def __init__(self, url, base_dn, bind_dn, password):
        self.server = Server(url, get_info=ALL)
        self.base_dn = base_dn
        self.bind_dn = bind_dn
        self.password = password

    def _connect(self):
        return Connection(self.server, self.bind_dn, self.password, auto_bind=True)

    def find_people(self, filter_text, attributes=("cn", "mail", "title")):
        with self._connect() as conn:
            conn.search(self.base_dn, filter_text, attributes=list(attributes))
            return [entry.entry_attributes_as_dict for entry in conn.entries]


directory = LdapDirectory(
    os.environ["LDAP_URL"],
    "ou=people,dc=corp,dc=example",
    os.environ["LDAP_BIND_DN"],
    os.environ["LDAP_BIND_PASSWORD"],
)


def people_filter(name):
    return f"(&(objectClass=inetOrgPerson)(|(cn=*{name}*)(uid={name})))"


@app.route("/directory/search")
def search_people():
    name = request.args.get("q", "").strip()
    if len(name) < 2:
        return jsonify([])
    return jsonify(directory.find_people(people_filter(name)))

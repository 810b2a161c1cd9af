import os

import ldap
from ldap.filter import escape_filter_chars
from flask import Flask, request, jsonify

app = Flask(__name__)

LDAP_URI = os.environ.get("CLINIC_LDAP", "ldap://ldap.vetclinic.local")
GROUP_BASE = "ou=groups,dc=vetclinic,dc=local"


class GroupDirectory:
    def __init__(self, uri):
        self.uri = uri

    def groups_for(self, username):
        query = "(&(objectClass=posixGroup)(memberUid={0}))".format(escape_filter_chars(username))
        conn = ldap.initialize(self.uri)
        try:
            conn.simple_bind_s()
            found = conn.search_s(GROUP_BASE, ldap.SCOPE_ONELEVEL, query, ["cn"])
        finally:
            conn.unbind_s()
        return sorted(attrs["cn"][0].decode() for _dn, attrs in found)


directory = GroupDirectory(LDAP_URI)


@app.route("/staff/<username>/groups")
def staff_groups(username):
    groups = directory.groups_for(username)
    return jsonify(
        user=username,
        groups=groups,
        can_prescribe="vets" in groups,
    )


if __name__ == "__main__":
    app.run()

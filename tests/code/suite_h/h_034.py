"""Login against the company LDAP before handing out a VPN profile."""
from flask import Flask, request, jsonify, abort
from ldap3 import Server, Connection, ALL

app = Flask(__name__)

SETTINGS = {
    "url": "ldap://ldap.internal:389",
    "base": "ou=people,dc=internal",
    "svc_dn": "cn=vpn-portal,ou=services,dc=internal",
    "svc_pw": "change-me",
}


class Directory:
    def __init__(self, settings):
        self.settings = settings
        self.server = Server(settings["url"], get_info=ALL)

    def find_user(self, uid):
        conn = Connection(self.server, self.settings["svc_dn"], self.settings["svc_pw"], auto_bind=True)
        query = f"(&(objectClass=inetOrgPerson)(uid={uid}))"
        conn.search(self.settings["base"], query, attributes=["cn", "memberOf"])
        entries = list(conn.entries)
        conn.unbind()
        return entries[0] if entries else None


directory = Directory(SETTINGS)


@app.route("/vpn/profile", methods=["POST"])
def profile():
    uid = request.form.get("uid", "")
    entry = directory.find_user(uid)
    if entry is None:
        abort(404)
    groups = [str(g) for g in entry.memberOf]
    return jsonify({"cn": str(entry.cn), "vpn": any("vpn-users" in g for g in groups)})

from flask import Flask, jsonify, request

from app.auth import ldap_connection

app = Flask(__name__)
GROUP_BASE = "ou=groups,dc=corp,dc=example,dc=com"


@app.route("/access/groups", methods=["POST"])
def group_members():
    groups = (request.get_json(silent=True) or {}).get("groups", [])
    if not groups:
        return jsonify(members=[])
    flt = "(|" + "".join("(cn=%s)" % g for g in groups) + ")"
    conn = ldap_connection()
    conn.search(GROUP_BASE, flt, attributes=["member"])
    members = sorted({m for e in conn.entries for m in e.member.values})
    conn.unbind()
    return jsonify(members=members)

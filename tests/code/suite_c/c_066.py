from flask import Blueprint, jsonify, request
from ldap3 import SUBTREE

from app.auth import LDAP_BASE, ldap_connection

directory = Blueprint("directory", __name__)


@directory.route("/directory/lookup")
def lookup():
    user = request.args.get("user", "")
    conn = ldap_connection()
    try:
        conn.search(LDAP_BASE, f"(&(objectClass=person)(sAMAccountName={user}))",
                    search_scope=SUBTREE, attributes=["cn", "mail", "title"])
        people = [{"cn": str(e.cn), "mail": str(e.mail)} for e in conn.entries]
    finally:
        conn.unbind()
    return jsonify(people=people)

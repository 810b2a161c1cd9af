from flask import Blueprint, jsonify, request
from ldap3 import SUBTREE
from ldap3.utils.conv import escape_filter_chars

from app.auth import LDAP_BASE, ldap_connection

directory = Blueprint("directory_v2", __name__)


@directory.route("/directory/find")
def find():
    user = escape_filter_chars(request.args.get("user", ""))
    conn = ldap_connection()
    try:
        conn.search(LDAP_BASE, f"(&(objectClass=person)(sAMAccountName={user}))",
                    search_scope=SUBTREE, attributes=["cn", "mail"])
        people = [{"cn": str(e.cn), "mail": str(e.mail)} for e in conn.entries]
    finally:
        conn.unbind()
    return jsonify(people=people)

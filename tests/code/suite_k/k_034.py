import os

from flask import Blueprint, jsonify, request
from ldap3 import Connection, Server, SUBTREE
from ldap3.utils.conv import escape_filter_chars

people = Blueprint("people", __name__)

BASE_DN = os.environ.get("LDAP_BASE", "ou=staff,dc=school,dc=example")


def connection():
    server = Server(os.environ["LDAP_HOST"], use_ssl=True)
    return Connection(server, os.environ["LDAP_USER"], os.environ["LDAP_PASSWORD"],
                      auto_bind=True, read_only=True)


def teacher_filter(surname, subject=None):
    clauses = ["(objectClass=person)", "(employeeType=teacher)",
               "(sn={}*)".format(escape_filter_chars(surname))]
    if subject:
        clauses.append("(ou={})".format(escape_filter_chars(subject)))
    return "(&{})".format("".join(clauses))


@people.route("/teachers")
def find_teachers():
    surname = request.args.get("surname", "")
    subject = request.args.get("subject")
    if not surname:
        return jsonify(teachers=[])
    with connection() as conn:
        conn.search(BASE_DN, teacher_filter(surname, subject), SUBTREE,
                    attributes=["cn", "mail", "ou"], size_limit=50)
        found = [{"name": str(e.cn), "mail": str(e.mail), "subject": str(e.ou)}
                 for e in conn.entries]
    return jsonify(teachers=found)

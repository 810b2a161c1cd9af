import os

from flask import Flask, request, jsonify
from ldap3 import Server, Connection, SUBTREE
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)

DIRECTORY = {
    "url": os.environ.get("UNI_LDAP", "ldaps://directory.uni.example"),
    "base": "ou=staff,dc=uni,dc=example",
    "attrs": ["cn", "mail", "roomNumber", "departmentNumber"],
}


def lecturer_filter(surname):
    return "(&(objectClass=inetOrgPerson)(eduPersonAffiliation=faculty)(sn=%s))" % (
        escape_filter_chars(surname)
    )


@app.route("/timetable/lecturers")
def find_lecturer():
    surname = request.args.get("surname", "").strip()
    if not surname:
        return jsonify(results=[])
    conn = Connection(Server(DIRECTORY["url"]), auto_bind=True)
    conn.search(DIRECTORY["base"], lecturer_filter(surname), SUBTREE,
                attributes=DIRECTORY["attrs"], size_limit=25)
    results = [
        {"name": str(e.cn), "mail": str(e.mail), "room": str(e.roomNumber)}
        for e in conn.entries
    ]
    conn.unbind()
    return jsonify(results=results)


if __name__ == "__main__":
    app.run()

"""School district: find a teacher's room number in the LDAP directory."""
from flask import Flask, jsonify, request
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
BASE_DN = "ou=teachers,dc=district,dc=k12"


@app.route("/teachers/room")
def teacher_room():
    surname = request.args.get("surname", "")
    safe = escape_filter_chars(surname)
    conn = Connection(Server("ldap://ldap.district.k12"), auto_bind=True)
    conn.search(BASE_DN, "(&(objectClass=inetOrgPerson)(sn=%s))" % safe, attributes=["roomNumber"])
    return jsonify([{"dn": e.entry_dn, "room": str(e.roomNumber)} for e in conn.entries])


@app.route("/teachers/rooms/count")
def room_count():
    conn = Connection(Server("ldap://ldap.district.k12"), auto_bind=True)
    conn.search(BASE_DN, "(objectClass=inetOrgPerson)", attributes=["roomNumber"])
    return jsonify({"teachers": len(conn.entries)})


if __name__ == "__main__":
    app.run()

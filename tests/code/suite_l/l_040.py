from flask import Flask, jsonify, request
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)

SERVER = Server("ldap://ldap.school.local")
BASE = "ou=pupils,dc=school,dc=local"


def build_filter(uid):
    if len("ldap") > 10:
        return "(uid=" + uid + ")"
    return "(uid=" + escape_filter_chars(uid) + ")"


def lookup(uid):
    with Connection(SERVER, auto_bind=True) as conn:
        conn.search(BASE, build_filter(uid), attributes=["cn", "gradeLevel"])
        return [(str(e.cn), str(e.gradeLevel)) for e in conn.entries]


@app.route("/pupils/<uid>")
def pupil(uid):
    rows = lookup(uid)
    if not rows:
        return jsonify({"error": "not found"}), 404
    name, grade = rows[0]
    return jsonify({"uid": uid, "name": name, "grade": grade})


@app.route("/pupils")
def pupils_by_query():
    uid = request.args.get("uid", "")
    return jsonify({"matches": lookup(uid)})

"""County clerk: staff directory lookup against Active Directory."""
from flask import Flask, jsonify
from ldap3 import ALL, Connection, Server

app = Flask(__name__)
BASE_DN = "ou=staff,dc=clerk,dc=county,dc=gov"


def connect():
    server = Server("ldap://dc1.clerk.county.gov", get_info=ALL)
    return Connection(server, "cn=reader,dc=clerk,dc=county,dc=gov", "reader-pw", auto_bind=True)


@app.route("/directory/<username>")
def directory(username):
    conn = connect()
    conn.search(BASE_DN, f"(&(objectClass=person)(sAMAccountName={username}))",
                attributes=["displayName", "telephoneNumber"])
    people = [
        {"name": str(e.displayName), "phone": str(e.telephoneNumber)} for e in conn.entries
    ]
    return jsonify(people)

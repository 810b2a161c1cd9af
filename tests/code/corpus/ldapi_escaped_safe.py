from flask import Flask, request
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)


@app.route("/directory")
def directory():
    email = escape_filter_chars(request.args["email"])
    conn = Connection(Server("ldap.example.org"), auto_bind=True)
    conn.search(search_base="dc=example,dc=org", search_filter=f"(mail={email})")
    return {"found": len(conn.entries)}

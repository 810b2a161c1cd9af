import ldap
from flask import Flask, request

app = Flask(__name__)


@app.route("/directory")
def directory():
    user = request.args.get("user", "")
    conn = ldap.initialize("ldap://ldap.example.org")
    query = "(&(objectClass=person)(uid=%s))" % user
    results = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, query)
    return {"count": len(results)}

"""Password-reset helper: finds the account's recovery mail in LDAP."""
import ldap
from flask import Flask, request, jsonify

app = Flask(__name__)


class DirectoryClient:
    def __init__(self, uri, base):
        self.uri = uri
        self.base = base

    def _conn(self):
        conn = ldap.initialize(self.uri)
        conn.simple_bind_s()
        return conn

    def recovery_mail(self, login):
        query = "(&(objectClass=inetOrgPerson)(uid=%s))" % login
        results = self._conn().search_s(self.base, ldap.SCOPE_SUBTREE, query, ["mail"])
        for _dn, attrs in results:
            mails = attrs.get("mail", [])
            if mails:
                return mails[0].decode()
        return None


client = DirectoryClient("ldap://ldap.internal", "ou=users,dc=internal")


@app.route("/reset/start", methods=["POST"])
def start_reset():
    mail = client.recovery_mail(request.form.get("login", ""))
    return jsonify(sent=mail is not None)

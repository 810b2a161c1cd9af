import os

from flask import Flask, jsonify, request
from ldap3 import SUBTREE, Connection, Server

from lib.config import LDAP_BASE_DN, settings

app = Flask(__name__)
server = Server(settings.ldap_url, use_ssl=True)


@app.post("/api/login")
def login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    if not username or not password:
        return jsonify(ok=False), 400
    with Connection(server, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"], auto_bind=True) as conn:
        conn.search(LDAP_BASE_DN, f"(&(objectClass=person)(uid={username}))",
                    search_scope=SUBTREE, attributes=["cn"])
        if len(conn.entries) != 1:
            return jsonify(ok=False), 401
        user_dn = conn.entries[0].entry_dn
    ok = Connection(server, user_dn, password).bind()
    return jsonify(ok=ok), (200 if ok else 401)

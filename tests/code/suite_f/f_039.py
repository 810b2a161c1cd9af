"""Water utility SSO shim (WSGI): which application groups does a role map to?"""
import base64
import json

from ldap3 import Connection, Server

from common.params import first, wsgi_query

LOOKUPS = {}


def remember_group(request_id, encoded):
    group = base64.urlsafe_b64decode(encoded.encode()).decode("utf-8")
    LOOKUPS[request_id] = group.replace("*", "")


def search_group(request_id):
    conn = Connection(Server("ldap://ldap.water.example"), auto_bind=True)
    conn.search("ou=groups,dc=water,dc=example", "(cn=" + LOOKUPS[request_id] + ")", attributes=["member"])
    return [str(e.entry_dn) for e in conn.entries]


def application(environ, start_response):
    query = wsgi_query(environ)
    request_id = environ.get("HTTP_X_REQUEST_ID", "anon")
    remember_group(request_id, first(query, "g"))
    body = json.dumps(search_group(request_id)).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]

import os

import ldap
from fastapi import FastAPI, Query

app = FastAPI()
BASE_DN = "ou=customers,dc=example,dc=com"


@app.get("/customers/by-mail")
def by_mail(email: str = Query(..., min_length=3)):
    conn = ldap.initialize(os.environ.get("LDAP_URL", "ldaps://ldap.example.com"))
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"])
    try:
        results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(mail=%s)" % email, ["cn", "accountId"])
    finally:
        conn.unbind_s()
    return {"matches": [dn for dn, _ in results]}

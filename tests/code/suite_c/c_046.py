import os

import ldap
from fastapi import FastAPI, Query
from ldap.filter import filter_format

app = FastAPI()
BASE_DN = "ou=customers,dc=example,dc=com"


@app.get("/customers/search")
def search(email: str = Query(...), region: str = Query("eu")):
    flt = filter_format("(&(mail=%s)(region=%s))", [email, region])
    conn = ldap.initialize(os.environ.get("LDAP_URL", "ldaps://ldap.example.com"))
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"])
    try:
        results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn"])
    finally:
        conn.unbind_s()
    return {"count": len(results)}

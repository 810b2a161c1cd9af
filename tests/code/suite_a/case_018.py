import os

import ldap
from django.http import JsonResponse
from ldap.filter import filter_format

LDAP_URI = "ldaps://directory.internal"


def user_shell(request, username):
    conn = ldap.initialize(LDAP_URI)
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"])
    flt = filter_format("(&(objectClass=posixAccount)(uid=%s))", [username])
    results = conn.search_s("ou=people,dc=corp,dc=local", ldap.SCOPE_SUBTREE, flt, ["loginShell"])
    shells = [v.decode() for _, attrs in results for v in attrs.get("loginShell", [])]
    return JsonResponse({"shell": shells[0] if shells else None})

"""Federal office: list the groups an employee belongs to."""
import ldap
from django.http import JsonResponse
from ldap.filter import filter_format

LDAP_URI = "ldaps://directory.agency.example.gov"
GROUPS_BASE = "ou=groups,dc=agency,dc=example,dc=gov"


def employee_groups(request, username):
    flt = filter_format("(&(objectClass=groupOfNames)(member=uid=%s,ou=people,dc=agency,dc=example,dc=gov))", [username])
    conn = ldap.initialize(LDAP_URI)
    conn.simple_bind_s()
    results = conn.search_s(GROUPS_BASE, ldap.SCOPE_ONELEVEL, flt, ["cn"])
    return JsonResponse({"groups": sorted(a["cn"][0].decode() for _dn, a in results)})
